import type { Database } from '@bookstore/subgraph-runtime';

/** Everything the reviews subgraph needs; built by its descriptor or a test, never from the environment. */
export interface ReviewsDependencies {
  /** The reviews database, already migrated. */
  db: Database;
}
