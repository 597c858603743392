import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSessionObject } from '../client/ApiProvider';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { usePageTitle } from '../ui/usePageTitle';

const SignInMutation = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      ...SessionPayload
    }
  }
`);

/** Where to go after signing in: a path on this site only (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const sessionObject = useSessionObject();
  const navigate = useNavigate();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, { loading, error }] = useMutation(SignInMutation);
  if (session.status === 'signed-in' && !loading) return <Navigate to={next} replace />;
  const errors = fieldErrors(error);
  return (
    <div className="page narrow">
      <h1>Sign in</h1>
      {session.status === 'anonymous' && session.reason === 'expired' && <p className="notice">Your session has ended. Please sign in again.</p>}
      <form
        className="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn({ variables: { input: { login, password } } })
            .then((result) => {
              if (!result.data) return;
              sessionObject.accept(result.data.login);
              void navigate(next, { replace: true });
            })
            .catch(() => undefined);
        }}
      >
        <TextField label="Username or email" name="username" autoComplete="username" required value={login} onChange={(event) => setLogin(event.target.value)} error={errors['login']} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors['password']} />
        <ErrorNotice errors={formLevelErrors(error, ['login', 'password'])} />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to={`/sign-up${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </p>
    </div>
  );
}
