import { CLIENT_IP_HEADER, createLogger, defineSubgraph, openMessaging, RevocationList, ROUTER_SECRET_HEADER, runSubgraph, type Database, type RateLimits } from '@bookstore/kit';
import { gql, openTestTarget, type GraphQLResponse, type TargetKind } from '@bookstore/kit/testing';
import { buildUsers, ensureAdmin, loadSigningKeys, revocationsFromDatabase, revocationWindowSeconds, usersSubgraph, type SigningKeys, type UsersSettings } from '../src/subgraph.js';

export type { TargetKind };

export interface UsersServer {
  url: string;
  db: Database;
  keys: SigningKeys;
  settings: UsersSettings;
  /** Every SQL statement the subgraph ran, in order; tests clear it to count a request's queries. */
  queries: string[];
  /** Runs a GraphQL request against this server, optionally as the holder of `token`. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Runs a request as the router sends one for a caller at `clientIp` (its `x-client-ip` header). */
  requestFrom<T = Record<string, any>>(clientIp: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export const settings: UsersSettings = { issuer: 'test-users', audience: 'test-bookstore', accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 };

export interface UsersServerOptions {
  rateLimits?: RateLimits;
  /** The router's secret `/graphql` and `/revocations` require; default none. */
  routerSecret?: string;
  /** Poll the revocation list (as main.ts does) this often, in ms; default: no revocation checks (tests that count SQL stay exact). */
  revocationPollMs?: number;
}

/** Starts the users subgraph on port 0 over a fresh database of the given kind, as main.ts does. */
export async function startUsersServer(kind: TargetKind, options: UsersServerOptions = {}): Promise<UsersServer> {
  const keys = await loadSigningKeys({ production: false });
  const { target, dispose } = await openTestTarget(kind, 'users');
  const disposers: (() => Promise<void>)[] = [dispose];
  const queries: string[] = [];
  const logger = createLogger('users-test', 'silent');
  const messaging = openMessaging({ logger });
  disposers.unshift(() => messaging.close());
  // These keys, settings and limits in place of the configured ones.
  const testUsers = defineSubgraph({
    ...usersSubgraph,
    build: ({ db }) => {
      const revocations = options.revocationPollMs ? new RevocationList({ intervalMs: options.revocationPollMs, logger }).start(revocationsFromDatabase(db, revocationWindowSeconds(settings))) : undefined;
      return { ...buildUsers({ db, keys, settings, rateLimits: options.rateLimits, revocations }), stop: () => revocations?.stop() };
    },
  });
  const running = await runSubgraph(testUsers, {
    target,
    settings: {},
    messaging,
    tokens: { issuer: settings.issuer, audience: settings.audience, revocationPollMs: options.revocationPollMs ?? 60_000 },
    port: 0,
    logger,
    production: false,
    onQuery: (query) => queries.push(query),
    routerSecret: options.routerSecret,
  });
  disposers.unshift(() => running.stop());
  const secretHeader: Record<string, string> = options.routerSecret ? { [ROUTER_SECRET_HEADER]: options.routerSecret } : {};
  return {
    url: running.url,
    db: running.db,
    keys,
    settings,
    queries,
    request: (query, variables = {}, token) => gql(running.url, query, variables, { ...(token ? { token } : {}), headers: secretHeader }),
    requestFrom: (clientIp, query, variables = {}) => gql(running.url, query, variables, { headers: { ...secretHeader, [CLIENT_IP_HEADER]: clientIp } }),
    async stop() {
      for (const dispose of disposers) await dispose();
    },
  };
}

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

export async function registerAccount(server: UsersServer, input: ReturnType<typeof newAccount> = newAccount()): Promise<Session> {
  const response = await server.request<{ register: Session }>(`mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`, { input });
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return response.data.register;
}

export async function loginAs(server: UsersServer, login: string, password = PASSWORD): Promise<Session> {
  const response = await server.request<{ login: Session }>(`mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`, { input: { login, password } });
  if (!response.data?.login) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return response.data.login;
}

/** Creates an ADMIN the way main.ts does (ensureAdmin), then signs in as it. */
export async function adminSession(server: UsersServer, username: string): Promise<Session> {
  await ensureAdmin(server.db, { email: `${username}@example.com`, username, password: PASSWORD });
  return loginAs(server, username);
}
