import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, type Database, type EventTables, type SubgraphDefinition, type SubgraphEvents } from '@bookstore/kit';
import { parse } from 'graphql';
import { providerWarnings, summariesSettings } from './config.js';
import { createSummariesContext, type SummariesContext } from './context.js';
import { summariesEventHandlers } from './events/handlers.js';
import { createSummaryProvider } from './providers/create-provider.js';
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

/** The summaries subgraph as services mode and embedded mode run it. */
export const summariesSubgraph = defineSubgraph({
  name: 'summaries',
  migrationsFolder: summariesMigrationsFolder,
  settings: summariesSettings,
  events: { tables: summariesEventTables, consumes: 'summaries' },
  build: ({ db, events, settings, logger }) => {
    for (const warning of providerWarnings(settings)) logger.warn(warning);
    // One provider for the API and the jobs: its rate limit covers the whole process.
    const provider = createSummaryProvider(settings);
    return { graphql: buildSummariesSubgraph({ db, events, provider }), handlers: summariesEventHandlers({ db, provider, logger }) };
  },
});
