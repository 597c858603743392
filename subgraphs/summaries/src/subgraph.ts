import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, EventTables, SubgraphDefinition, SubgraphEvents } from '@bookstore/kit';
import { parse } from 'graphql';
import { createSummariesContext, type SummariesContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { SummaryProvider } from './domain/summary-provider.js';
import { resolvers } from './resolvers/index.js';

export type { SummariesContext } from './context.js';
export type { SummaryProviderSettings } from './config.js';
export type { SummarizeOptions, SummaryProvider } from './domain/summary-provider.js';
export { extractiveProvider } from './domain/extractive.js';
export { summariesEventHandlers, type SummariesEventDependencies } from './events/handlers.js';
export { createSummaryProvider } from './providers/create-provider.js';
export { seedDemoSummaries, type DemoBook } from './seed/seed-demo-summaries.js';

/** The committed drizzle-kit migrations of the `summaries` schema, applied by the kit at start. */
export const summariesMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The outbox and inbox in the `summaries` schema, for the subgraph's `SubgraphEvents`. */
export const summariesEventTables: EventTables = { outboxTable, inboxTable };

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface SummariesDependencies {
  /** The summaries database, already migrated. */
  db: Database;
  /** The subgraph's events over `summariesEventTables`: requestSummary writes `summary.requested` through it. */
  events: SubgraphEvents;
  /** The process's provider (createSummaryProvider), shared with summariesEventHandlers. */
  provider: SummaryProvider;
}

/** The summaries subgraph (extends Book with AI summaries), built from its dependencies; it never listens. */
export function buildSummariesSubgraph(deps: SummariesDependencies): SubgraphDefinition<SummariesContext> {
  return {
    name: 'summaries',
    typeDefs,
    resolvers,
    createContext: (base) => createSummariesContext(deps, base),
  };
}
