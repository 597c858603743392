import { ensureAdmin } from '../commands/ensure-admin.js';
import type { UsersHarness } from './harness.js';

/** Passes the strength policy; accounts differ by email and username, not by password. */
export const PASSWORD = 'marmalade-lighthouse-orbit';

let sequence = 0;
/** A fresh, valid registration input; every call gets its own email and username. */
export function newAccount(overrides: Partial<{ email: string; username: string; password: string; name: string | null }> = {}) {
  sequence++;
  return { email: `reader${sequence}@example.com`, username: `reader${sequence}`, password: PASSWORD, name: `Reader ${sequence}`, ...overrides };
}

export const AUTH_FIELDS = 'accessToken refreshToken expiresIn user { id email username name role createdAt }';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; username: string; name: string | null; role: string; createdAt: string };
}

export async function registerAccount(server: UsersHarness, input: ReturnType<typeof newAccount> = newAccount()): Promise<Session> {
  const response = await server.request<{ register: Session }>(`mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`, { input });
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return response.data.register;
}

export async function loginAs(server: UsersHarness, login: string, password = PASSWORD): Promise<Session> {
  const response = await server.request<{ login: Session }>(`mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`, { input: { login, password } });
  if (!response.data?.login) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return response.data.login;
}

/** Creates an ADMIN the way start-up does (ensureAdmin), then signs in as it. */
export async function adminSession(server: UsersHarness, username: string): Promise<Session> {
  await ensureAdmin(server.db, { email: `${username}@example.com`, username, password: PASSWORD });
  return loginAs(server, username);
}
