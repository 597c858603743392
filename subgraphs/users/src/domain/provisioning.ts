import { BadUserInputError, ConfigError, type Database, type Role } from '@bookstore/kit';
import { existingUsernames, insertUserIfAbsent } from '../db/queries.js';
import { checkPasswordStrength } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { parseEmail, parseName, parseUsername } from './validation.js';

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
    checkPasswordStrength(admin.password, [account.username, account.email], 'ADMIN_PASSWORD');
  } catch (error) {
    if (error instanceof BadUserInputError) throw new ConfigError([error.message]);
    throw error;
  }
  const created = await insertUserIfAbsent(db, { ...account, name: null, role: 'ADMIN', passwordHash: await hashPassword(admin.password) });
  return created !== undefined;
}

export interface DemoAccount {
  username: string;
  email: string;
  name: string | null;
  role: Role;
  password: string;
}

/**
 * Seeds demo accounts, skipping usernames that exist. Their passwords are published in the
 * README, so they are exempt from the strength policy; their other fields are not.
 * Returns how many accounts it created.
 */
export async function seedDemoUsers(db: Database, accounts: DemoAccount[]): Promise<number> {
  const parsed = accounts.map((account, i) => ({
    email: parseEmail(account.email, `accounts[${i}].email`),
    username: parseUsername(account.username, `accounts[${i}].username`),
    name: parseName(account.name, `accounts[${i}].name`),
    role: account.role,
    password: account.password,
  }));
  const existing = await existingUsernames(
    db,
    parsed.map((account) => account.username),
  );
  let created = 0;
  for (const { password, ...account } of parsed) {
    if (existing.has(account.username.toLowerCase())) continue;
    if (await insertUserIfAbsent(db, { ...account, passwordHash: await hashPassword(password) })) created++;
  }
  return created;
}
