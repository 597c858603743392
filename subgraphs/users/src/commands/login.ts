import { UnauthenticatedError } from '@bookstore/server-core';
import { findCredentialsByLogin } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { verifyAgainstNothing, verifyPassword } from '../domain/passwords.js';
import { SignInAttempt, unknownAccountKey } from '../domain/throttle.js';
import { parseLogin } from '../domain/validation.js';
import { issueSession, type AuthPayload } from './issue-session.js';

export interface LoginInput {
  login: string;
  password: string;
}

/** One message for an unknown login and a wrong password, so neither reveals which accounts exist. */
const invalidLogin = () => new UnauthenticatedError('Invalid login or password.');

/**
 * Checks a password, throttled per account and address (see signInThrottle). An unknown login
 * costs what a known one costs, a password verification included, so neither a refusal nor the
 * response time tells which accounts exist.
 */
export async function login(deps: UsersDependencies, input: LoginInput, clientIp: string): Promise<AuthPayload> {
  const key = parseLogin(input.login);
  const attempt = await SignInAttempt.begin(deps.rateLimits, clientIp);
  const found = await findCredentialsByLogin(deps.db, key);
  await attempt.forAccount(found?.user.id ?? unknownAccountKey(key.kind === 'email' ? key.email : key.username.toLowerCase()));
  const valid = found?.passwordHash ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!found || !valid) throw invalidLogin();
  await attempt.succeeded();
  return issueSession(deps.db, deps, found.user);
}
