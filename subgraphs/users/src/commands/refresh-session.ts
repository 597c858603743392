import { UnauthenticatedError } from '@bookstore/server-core';
import { findActiveUser, findRefreshToken, markRefreshTokenUsed, revokeRefreshTokens } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { hashRefreshToken, refreshTokenState } from '../domain/refresh-tokens.js';
import { issueSession, type AuthPayload } from './issue-session.js';

const invalidRefreshToken = () => new UnauthenticatedError('The refresh token is invalid or expired; sign in again.');

/** Exchanges a refresh token for a new pair (rotation); a second use of any token ends its family. */
export async function refreshSession(deps: UsersDependencies, refreshToken: string): Promise<AuthPayload> {
  const now = new Date();
  const stored = await findRefreshToken(deps.db, hashRefreshToken(refreshToken));
  if (!stored) throw invalidRefreshToken();
  const state = refreshTokenState(stored, now);
  switch (state) {
    case 'active':
      break;
    case 'reused':
      await revokeRefreshTokens(deps.db, { familyId: stored.familyId });
      throw invalidRefreshToken();
    case 'revoked':
    case 'expired':
      throw invalidRefreshToken();
  }
  const user = await findActiveUser(deps.db, stored.userId);
  if (!user) throw invalidRefreshToken();
  const rotated = await deps.db.transaction(async (tx) => {
    // Losing this race means a concurrent request exchanged the same token: that is reuse too.
    if (!(await markRefreshTokenUsed(tx, stored.id, now))) return null;
    return issueSession(tx, deps, user, stored.familyId, now);
  });
  if (rotated) return rotated;
  await revokeRefreshTokens(deps.db, { familyId: stored.familyId });
  throw invalidRefreshToken();
}
