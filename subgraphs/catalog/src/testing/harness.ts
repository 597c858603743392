import { createLogger, runSubgraph, ROLES, type Database, type Role } from '@bookstore/kit';
import { createTestIssuer, gql, openTestTarget, queryCounter, type GraphQLResponse, type TargetKind } from '@bookstore/kit/testing';
import { buildCatalogSubgraph, catalogMigrationsFolder } from '../subgraph.js';

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
    const running = await runSubgraph({
      dbSchema: 'catalog',
      migrationsFolder: catalogMigrationsFolder,
      target,
      build: (db) => buildCatalogSubgraph({ db }),
      verifyToken: issuer.verifyToken,
      port: 0,
      logger: createLogger('catalog-test', 'silent'),
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
