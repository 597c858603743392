import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { reviewsSettings } from './config.js';
import type { ReviewsContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { ReviewsDependencies } from './deps.js';
import { reviewsEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The reviews subgraph (owns Review; extends Book and User) and its event handlers, built from its dependencies; it never listens. */
export function buildReviews(deps: ReviewsDependencies): BuiltSubgraph<ReviewsContext> {
  return {
    graphql: { name: 'reviews', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: reviewsEventHandlers(),
  };
}

/** The reviews subgraph as services mode and embedded mode run it. */
export const reviewsSubgraph = defineSubgraph({
  name: 'reviews',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: reviewsSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'reviews' },
  build: ({ db }) => buildReviews({ db }),
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { ReviewsContext } from './context.js';
export type { ReviewsDependencies } from './deps.js';
export { hasReviews, seedDemoReviews, type DemoReviewsInput } from './seed/seed-demo-reviews.js';
