import type { ReactNode } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSessionObject } from '../client/ApiProvider';
import type { SessionPayloadFragment } from '../client/session';
import type { FragmentType } from '../gql';
import { ActionForm, type ActionState } from '../ui/actions';
import { usePageTitle } from '../ui/usePageTitle';

/** Where to go after signing in: a path on this site only (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A path with the page to return to after signing in or up (`?next=`), when there is one. */
function withNext(path: string, next: string): string {
  return next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;
}

interface AuthPageProps {
  title: string;
  /** Sends the form: answers the token pair and user (signing in and signing up answer the same). */
  send: () => Promise<FragmentType<typeof SessionPayloadFragment> | undefined>;
  state: ActionState;
  fields: readonly string[];
  submitLabel: string;
  busyLabel: string;
  /** Above the form (the sign-in page says when a session ended). */
  notice?: ReactNode;
  /** The other way in, under the form: "New here? Create an account". */
  other: { question: string; path: string; label: string };
  children: ReactNode;
}

/**
 * Signing in and signing up: the form, then the session takes the answer and the page goes on
 * to `?next=` (a signed-in visitor goes there at once).
 */
export function AuthPage({ title, send, state, fields, submitLabel, busyLabel, notice, other, children }: AuthPageProps) {
  usePageTitle(title);
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const sessionObject = useSessionObject();
  const navigate = useNavigate();
  if (session.status === 'signed-in' && !state.loading) return <Navigate to={next} replace />;
  const run = () =>
    send().then((payload) => {
      if (!payload) return;
      sessionObject.accept(payload);
      void navigate(next, { replace: true });
    });
  return (
    <div className="page narrow">
      <h1>{title}</h1>
      {notice}
      <ActionForm className="stack-form" run={run} state={state} fields={fields} submitLabel={submitLabel} busyLabel={busyLabel}>
        {children}
      </ActionForm>
      <p>
        {other.question} <Link to={withNext(other.path, next)}>{other.label}</Link>
      </p>
    </div>
  );
}
