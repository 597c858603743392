import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { providerWarnings, summariesSettings } from './config.js';
import type { SummariesContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { SummariesDependencies } from './deps.js';
import { summariesEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { createSummaryProvider } from './providers/create-provider.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The summaries subgraph (extends Book with AI summaries) and its jobs, built from its dependencies; it never listens. */
export function buildSummaries(deps: SummariesDependencies): BuiltSubgraph<SummariesContext> {
  return {
    graphql: { name: 'summaries', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: summariesEventHandlers(deps),
  };
}

/** The summaries subgraph as services mode and embedded mode run it. */
export const summariesSubgraph = defineSubgraph({
  name: 'summaries',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: summariesSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'summaries' },
  build: ({ db, events, settings, logger }) => {
    for (const warning of providerWarnings(settings)) logger.warn(warning);
    // One provider for the API and the jobs: its rate limit covers the whole process.
    return buildSummaries({ db, events, provider: createSummaryProvider(settings), logger });
  },
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { SummariesContext } from './context.js';
export type { SummariesDependencies } from './deps.js';
export type { SummaryProviderSettings } from './config.js';
export type { SummarizeOptions, SummaryProvider } from './domain/summary-provider.js';
export { extractiveProvider } from './domain/extractive.js';
export { createSummaryProvider } from './providers/create-provider.js';
export { seedDemoSummaries, type DemoBook } from './seed/seed-demo-summaries.js';
/** Whether any summary exists yet: the demo seed then needs no book list. */
export { anySummary as hasSummaries } from './db/summaries.js';
