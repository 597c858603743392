import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Role } from '@bookstore/server-core';

export interface DemoAccount {
  username: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Where the demo accounts are kept, in the data directory. */
export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';

/**
 * Demo accounts get random passwords on first start, kept in the data directory (mode 0600)
 * so every later start can print them: no well-known password is ever shipped.
 */
export async function loadOrCreateDemoAccounts(dataDir: string): Promise<DemoAccount[]> {
  const path = join(dataDir, DEMO_CREDENTIALS_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DemoAccount[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = () => `demo-${randomBytes(9).toString('base64url')}`;
  const accounts: DemoAccount[] = [
    { username: 'admin', email: 'admin@demo.bookstore.test', name: 'Ada Admin', role: 'ADMIN', password: password() },
    { username: 'librarian', email: 'librarian@demo.bookstore.test', name: 'Lena Librarian', role: 'LIBRARIAN', password: password() },
    { username: 'reader', email: 'reader@demo.bookstore.test', name: 'Rey Reader', role: 'CUSTOMER', password: password() },
  ];
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  return accounts;
}
