import type { Credentials } from '@bookstore/server-core';

/**
 * Whom a subgraph serves a subscription for: callers with the same viewer (id and role) are
 * shown the same events whichever of their tokens they present, so their subscriptions share
 * upstream work (anonymous callers too, as one identity).
 */
export function identityOf(credentials: Credentials | null): string {
  return credentials ? `${credentials.viewer.id}:${credentials.viewer.role}` : '';
}

/** Of two credentials of one identity, the one that stays valid longer. */
export function fresher(a: Credentials | null, b: Credentials | null): Credentials | null {
  if (!a || !b) return a ?? b;
  return b.expiresAt > a.expiresAt ? b : a;
}
