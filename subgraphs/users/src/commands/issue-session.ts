import { randomUUID } from 'node:crypto';
import type { Database } from '@bookstore/subgraph-runtime';
import { insertRefreshToken, type User } from '../db/queries.js';
import { signAccessToken } from '../domain/access-tokens.js';
import type { UsersDependencies } from '../deps.js';
import { newRefreshToken, refreshTokenExpiry } from '../domain/refresh-tokens.js';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

/**
 * Issues an access token and a refresh token. A new sign-in starts a refresh-token family;
 * a rotation continues the family of the token it replaces.
 */
export async function issueSession(db: Database, deps: UsersDependencies, user: User, familyId: string = randomUUID(), now = new Date()): Promise<AuthPayload> {
  const { token, tokenHash } = newRefreshToken();
  await insertRefreshToken(db, { userId: user.id, familyId, tokenHash, expiresAt: refreshTokenExpiry(now, deps.settings.refreshTokenTtlDays) });
  return {
    accessToken: await signAccessToken(deps.keys, deps.settings, { id: user.id, role: user.role, tokenVersion: user.tokenVersion }, now),
    refreshToken: token,
    expiresIn: deps.settings.accessTokenTtlSeconds,
    user,
  };
}
