import type { ReactNode } from 'react';
import { RequireSession } from '../app/RequireSession';
import type { SessionUser } from '../client/session';
import { usePageTitle } from './usePageTitle';

/** A page with its title as h1 and document title; signed-in only when `session` is set. */
export function Page({ title, session, roles, children, className }: { title: string; session?: boolean; roles?: SessionUser['role'][]; children: ReactNode; className?: string }) {
  usePageTitle(title);
  return (
    <div className={`page${className ? ` ${className}` : ''}`}>
      <h1>{title}</h1>
      {session || roles ? <RequireSession roles={roles}>{children}</RequireSession> : children}
    </div>
  );
}
