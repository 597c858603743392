import { createLogger, ROLES, type Role } from '@bookstore/server-core';
import { type Messaging } from '@bookstore/subgraph-runtime';
import { withTestbed, type GraphQLResponse, type TargetKind, type TestSubgraph } from '@bookstore/testing';
import { catalogSubgraph } from '../subgraph.js';

export type { TargetKind };

/**
 * A catalog subgraph on a free port over a fresh database, with tokens for every role, its relay
 * and consumer running as in production: PostgreSQL with bullmq on Redis (services mode), or
 * PGlite with in-process messaging (embedded mode).
 */
export interface CatalogHarness extends Omit<TestSubgraph, 'request'> {
  /** Its queues and pub/sub, to drive its part of the saga as the orders subgraph does. */
  messaging: Messaging;
  tokens: Record<Role, string>;
  /** A GraphQL request over HTTP, signed in with `role`'s token when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, role?: Role): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The number of SQL statements on the catalogue's own tables that `run` causes (the relay's outbox polls excluded). */
  countQueries(run: () => Promise<unknown>): Promise<number>;
}

export interface CatalogHarnessOptions {
  /** Jobs its consumer runs at once; default the queue's (4). */
  concurrency?: number;
}

export async function startCatalog(kind: TargetKind, { concurrency }: CatalogHarnessOptions = {}): Promise<CatalogHarness> {
  return withTestbed(kind, 'catalog', createLogger('catalog-test', 'silent'), async (bed) => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await bed.sign(role)).token] as const))) as Record<Role, string>;
    const catalog = await bed.run(catalogSubgraph, { queue: { concurrency } });
    const signedIn = catalog.request;
    return Object.assign(catalog, {
      messaging: bed.messaging,
      tokens,
      request: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, role?: Role) => signedIn<T>(query, variables, role ? { token: tokens[role] } : undefined), // eslint-disable-line @typescript-eslint/no-explicit-any
      countQueries: (run: () => Promise<unknown>) => bed.queries.count(run, /"catalog"\."(books|authors|categories|book_authors|book_categories)"/),
    });
  });
}
