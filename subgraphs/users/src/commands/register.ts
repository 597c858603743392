import { insertUser } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { checkPasswordStrength } from '../domain/password-policy.js';
import { hashPassword } from '../domain/passwords.js';
import { parseEmail, parseName, parseUsername } from '../domain/validation.js';
import { rethrowAsConflict } from './account-errors.js';
import { issueSession, type AuthPayload } from './issue-session.js';

export interface RegisterInput {
  email: string;
  username: string;
  password: string;
  name?: string | null;
}

/** A new CUSTOMER, signed in at once: the account and its first refresh token commit together. */
export async function register(deps: UsersDependencies, input: RegisterInput): Promise<AuthPayload> {
  const email = parseEmail(input.email, 'input.email');
  const username = parseUsername(input.username, 'input.username');
  const name = parseName(input.name, 'input.name');
  await checkPasswordStrength(input.password, [username, email, name], 'input.password');
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const user = await insertUser(tx, { email, username, name, role: 'CUSTOMER', passwordHash }).catch(rethrowAsConflict('input'));
    return issueSession(tx, deps, user);
  });
}
