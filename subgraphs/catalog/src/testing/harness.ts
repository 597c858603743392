import { createLogger, defineSubgraph, openMessaging, runSubgraph, ROLES, type Database, type Role } from '@bookstore/kit';
import { createTestIssuer, gql, openTestTarget, queryCounter, type GraphQLResponse, type TargetKind } from '@bookstore/kit/testing';
import { buildCatalogSubgraph, catalogSubgraph } from '../subgraph.js';

export type { TargetKind };

/** A catalog subgraph on a free port over a fresh database, with tokens for every role. */
export interface CatalogHarness {
  url: string;
  db: Database;
  tokens: Record<Role, string>;
  /** A GraphQL request over HTTP, signed in with `role`'s token when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, role?: Role): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The number of SQL statements `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function startCatalog(kind: TargetKind): Promise<CatalogHarness> {
  const issuer = await createTestIssuer('catalog-tests', 'bookstore-tests');
  const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await issuer.sign(`user-${role.toLowerCase()}`, { role, expiresIn: 3600 })] as const))) as Record<Role, string>;

  const disposers: (() => Promise<void>)[] = [];
  const dispose = async () => {
    for (const disposer of disposers.reverse()) await disposer();
  };
  const queries = queryCounter();
  try {
    const { target, dispose: disposeTarget } = await openTestTarget(kind, 'catalog');
    disposers.push(disposeTarget);
    const logger = createLogger('catalog-test', 'silent');
    const messaging = openMessaging({ logger });
    disposers.push(() => messaging.close());
    // The catalog's API alone: these tests drive no events (reservations.e2e.ts covers the relay).
    const apiOnly = defineSubgraph({ ...catalogSubgraph, events: undefined, build: ({ db }) => ({ graphql: buildCatalogSubgraph({ db }) }) });
    const running = await runSubgraph(apiOnly, {
      target,
      settings: {},
      messaging,
      verifyToken: () => issuer.verifyToken,
      tokens: { issuer: issuer.issuer, audience: issuer.audience, revocationPollMs: 60_000 },
      port: 0,
      logger,
      production: false,
      onQuery: queries.onQuery,
    });
    disposers.push(() => running.stop());
    return {
      url: running.url,
      db: running.db,
      tokens,
      request: (query, variables = {}, role) => gql(running.url, query, variables, role ? { token: tokens[role] } : {}),
      countQueries: (run) => queries.count(run),
      stop: dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
