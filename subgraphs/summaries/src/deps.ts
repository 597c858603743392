import type { Logger } from '@bookstore/server-core';
import type { Database, SubgraphEvents } from '@bookstore/subgraph-runtime';
import type { SummaryProvider } from './domain/summary-provider.js';

/** Everything the summaries subgraph needs; built by its descriptor or a test, never from the environment. */
export interface SummariesDependencies {
  /** The summaries database, already migrated. */
  db: Database;
  /** Writes `summary.requested` in the requesting transaction, and relays it. */
  events: SubgraphEvents;
  /** The process's provider (createSummaryProvider): `summarizeText` calls it, and so do the jobs, so one rate limit covers both. */
  provider: SummaryProvider;
  logger: Logger;
}
