import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph, type EventTables } from '@bookstore/kit';
import { parse } from 'graphql';
import { reviewsSettings } from './config.js';
import type { ReviewsContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { ReviewsDependencies } from './deps.js';
import { reviewsEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The committed drizzle-kit migrations of the `reviews` schema, applied by the kit at start. */
export const reviewsMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The outbox and inbox in the `reviews` schema: the inbox dedupes the events reviews consumes. */
export const reviewsEventTables: EventTables = { outboxTable, inboxTable };

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The reviews subgraph (owns Review; extends Book and User) and its event handlers, built from its dependencies; it never listens. */
export function buildReviews(deps: ReviewsDependencies): BuiltSubgraph<ReviewsContext> {
  return {
    graphql: { name: 'reviews', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: reviewsEventHandlers(deps),
  };
}

/** The reviews subgraph as services mode and embedded mode run it. */
export const reviewsSubgraph = defineSubgraph({
  name: 'reviews',
  migrationsFolder: reviewsMigrationsFolder,
  settings: reviewsSettings,
  events: { tables: reviewsEventTables, consumes: 'reviews' },
  build: ({ db }) => buildReviews({ db }),
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { ReviewsContext } from './context.js';
export type { ReviewsDependencies } from './deps.js';
export { seedDemoReviews, type DemoReviewsInput } from './seed/seed-demo-reviews.js';
