import { CLIENT_IP_HEADER, createLogger, RevocationList, ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { defineSubgraph } from '@bookstore/subgraph-runtime';
import { gql, withTestbed, type GraphQLResponse, type TargetKind, type TestSubgraph } from '@bookstore/testing';
import type { UsersSettings } from '../deps.js';
import { revocationWindowSeconds } from '../domain/access-tokens.js';
import { loadSigningKeys, type SigningKeys } from '../domain/signing-keys.js';
import { revocationsFromDatabase } from '../revocations.js';
import { buildUsers, usersSubgraph } from '../subgraph.js';

export type { TargetKind };

export const settings: UsersSettings = { issuer: 'test-users', audience: 'test-bookstore', accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 };

export interface UsersHarnessOptions {
  /** PostgreSQL with Redis (services mode) or PGlite with in-process messaging (embedded mode). */
  kind: TargetKind;
  /**
   * Throttle sign-in, sign-up and refresh as in production, on the testbed's store (Redis beside
   * PostgreSQL, memory beside PGlite); default off, so tests may sign up many accounts from one address.
   */
  rateLimited?: boolean;
  /** The router's secret `/graphql` and `/revocations` require; default none. */
  routerSecret?: string;
  /** Poll the revocation list (as in production) this often, in ms; default: no revocation checks, so SQL counts stay exact. */
  revocationPollMs?: number;
}

/** A users subgraph on a free port over a fresh database, signing with a key of its own. */
export interface UsersHarness extends Omit<TestSubgraph, 'request'> {
  keys: SigningKeys;
  settings: UsersSettings;
  /** A GraphQL request over HTTP (with the router's secret, when it has one), as the holder of `token` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A request as the router sends one for a caller at `clientIp` (its `x-client-ip` header). */
  requestFrom<T = Record<string, any>>(clientIp: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function startUsers({ kind, rateLimited = false, routerSecret, revocationPollMs }: UsersHarnessOptions): Promise<UsersHarness> {
  const logger = createLogger('users-test', 'silent');
  return withTestbed(kind, 'users', logger, async (bed) => {
    const keys = await loadSigningKeys({ production: false });
    // These keys, settings, limits and revocation checks in place of the configured ones.
    const testUsers = defineSubgraph({
      ...usersSubgraph,
      build: ({ db, messaging }) => {
        const revocations = revocationPollMs ? new RevocationList({ intervalMs: revocationPollMs, logger }).start(revocationsFromDatabase(db, revocationWindowSeconds(settings))) : undefined;
        return { ...buildUsers({ db, keys, settings, rateLimits: rateLimited ? messaging.rateLimits : undefined, revocations }), stop: () => revocations?.stop() };
      },
    });
    const users = await bed.run(testUsers, { routerSecret });
    const secretHeader: Record<string, string> = routerSecret ? { [ROUTER_SECRET_HEADER]: routerSecret } : {};
    return Object.assign(users, {
      keys,
      settings,
      request: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string) => gql<T>(users.url, query, variables, { ...(token ? { token } : {}), headers: secretHeader }), // eslint-disable-line @typescript-eslint/no-explicit-any
      requestFrom: <T = Record<string, any>>(clientIp: string, query: string, variables: Record<string, unknown> = {}) => gql<T>(users.url, query, variables, { headers: { ...secretHeader, [CLIENT_IP_HEADER]: clientIp } }), // eslint-disable-line @typescript-eslint/no-explicit-any
    });
  });
}
