import { BadUserInputError, ConfigError } from '@bookstore/server-core';
import { type Database } from '@bookstore/subgraph-runtime';
import { insertUserIfAbsent } from '../db/queries.js';
import { checkPasswordStrength } from '../domain/password-policy.js';
import { hashPassword } from '../domain/passwords.js';
import { parseEmail, parseUsername } from '../domain/validation.js';

export interface AdminAccount {
  email: string;
  username: string;
  password: string;
}

/**
 * Creates the first ADMIN from configuration unless the email or username is taken, so every
 * start (and every replica) may call it. An existing account is never promoted: whoever
 * registered that email first must not become ADMIN by it. Returns whether it created one.
 */
export async function ensureAdmin(db: Database, admin: AdminAccount): Promise<boolean> {
  let account: { email: string; username: string };
  try {
    account = { email: parseEmail(admin.email, 'ADMIN_EMAIL'), username: parseUsername(admin.username, 'ADMIN_USERNAME') };
    await checkPasswordStrength(admin.password, [account.username, account.email], 'ADMIN_PASSWORD');
  } catch (error) {
    if (error instanceof BadUserInputError) throw new ConfigError([error.message]);
    throw error;
  }
  const created = await insertUserIfAbsent(db, { ...account, name: null, role: 'ADMIN', passwordHash: await hashPassword(admin.password) });
  return created !== undefined;
}
