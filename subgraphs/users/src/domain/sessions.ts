import { randomUUID } from 'node:crypto';
import { UnauthenticatedError, type Database } from '@bookstore/kit';
import {
  findActiveUser,
  findCredentialsByLogin,
  findRefreshToken,
  insertRefreshToken,
  markRefreshTokenUsed,
  revokeRefreshTokens,
  revokeUsableRefreshToken,
  type User,
} from '../db/queries.js';
import { signAccessToken } from './access-tokens.js';
import type { UsersDeps } from './deps.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { SignInAttempt, unknownAccountKey } from './throttle.js';
import { hashRefreshToken, newRefreshToken, refreshTokenExpiry, refreshTokenState } from './refresh-tokens.js';
import { parseLogin } from './validation.js';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

export interface LoginInput {
  login: string;
  password: string;
}

/** One message for an unknown login and a wrong password, so neither reveals which accounts exist. */
const invalidLogin = () => new UnauthenticatedError('Invalid login or password.');
const invalidRefreshToken = () => new UnauthenticatedError('The refresh token is invalid or expired; sign in again.');

/**
 * Issues an access token and a refresh token. A new sign-in starts a refresh-token family;
 * a rotation continues the family of the token it replaces.
 */
export async function issueSession(db: Database, deps: UsersDeps, user: User, familyId: string = randomUUID(), now = new Date()): Promise<AuthPayload> {
  const { token, tokenHash } = newRefreshToken();
  await insertRefreshToken(db, { userId: user.id, familyId, tokenHash, expiresAt: refreshTokenExpiry(now, deps.settings.refreshTokenTtlDays) });
  return {
    accessToken: await signAccessToken(deps.keys, deps.settings, { id: user.id, role: user.role, tokenVersion: user.tokenVersion }, now),
    refreshToken: token,
    expiresIn: deps.settings.accessTokenTtlSeconds,
    user,
  };
}

/**
 * Checks a password, throttled per account and address (see signInThrottle). An unknown login
 * costs what a known one costs, a password verification included, so neither a refusal nor the
 * response time tells which accounts exist.
 */
export async function login(deps: UsersDeps, input: LoginInput, clientIp: string): Promise<AuthPayload> {
  const key = parseLogin(input.login);
  const attempt = await SignInAttempt.begin(deps.rateLimits, clientIp);
  const found = await findCredentialsByLogin(deps.db, key);
  await attempt.forAccount(found?.user.id ?? unknownAccountKey(key.kind === 'email' ? key.email : key.username.toLowerCase()));
  const valid = found?.passwordHash ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!found || !valid) throw invalidLogin();
  await attempt.succeeded();
  return issueSession(deps.db, deps, found.user);
}

/** Exchanges a refresh token for a new pair (rotation); a second use of any token ends its family. */
export async function refreshSession(deps: UsersDeps, refreshToken: string): Promise<AuthPayload> {
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

/** True when the token was usable and is now revoked; false otherwise, without saying why. */
export function logout(deps: UsersDeps, refreshToken: string): Promise<boolean> {
  return revokeUsableRefreshToken(deps.db, hashRefreshToken(refreshToken), new Date());
}
