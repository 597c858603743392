import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../client/ApiProvider';
import type { SessionUser } from '../client/session';
import { Loading } from '../ui/Loading';

/**
 * Pages for signed-in people: wait while a stored session is restored, send the signed-out to
 * the sign-in page (and back here afterwards), and tell those whose role may not see the page.
 */
export function RequireSession({ roles, children }: { roles?: SessionUser['role'][]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading label="Signing you in…" />;
  if (session.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(session.user.role)) {
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">Not allowed</p>
        <p>This page is for {roles.map((role) => role.toLowerCase()).join(' and ')} accounts.</p>
      </div>
    );
  }
  return <>{children}</>;
}
