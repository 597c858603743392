import type { Role } from '@bookstore/server-core';
import type { Database } from '@bookstore/subgraph-runtime';
import { existingUsernames, insertUserIfAbsent } from '../db/queries.js';
import { hashPassword } from '../domain/passwords.js';
import { parseEmail, parseName, parseUsername } from '../domain/validation.js';

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
