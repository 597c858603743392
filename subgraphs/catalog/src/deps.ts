import type { Database, SubgraphEvents } from '@bookstore/subgraph-runtime';

/** Everything the catalog subgraph needs; built by its descriptor or a test, never from the environment. */
export interface CatalogDependencies {
  /** The catalog's database, already migrated. */
  db: Database;
  /** Writes `book.changed` and the saga's answers in the transactions of the changes they report, and relays them. */
  events: SubgraphEvents;
}
