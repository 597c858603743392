import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, type Database, type EventTables, type SubgraphDefinition } from '@bookstore/kit';
import { parse } from 'graphql';
import { reviewsSettings } from './config.js';
import { createReviewsContext, type ReviewsContext } from './context.js';
import { reviewsEventHandlers } from './events/handlers.js';
import { inboxTable, outboxTable } from './db/schema.js';
import { resolvers } from './resolvers/index.js';

export type { ReviewsContext } from './context.js';
export { reviewsEventHandlers, type ReviewsEventDependencies } from './events/handlers.js';
export { seedDemoReviews, type DemoReviewsInput } from './seed/seed-demo-reviews.js';

/** The committed drizzle-kit migrations of the `reviews` schema, applied by the kit at start. */
export const reviewsMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The outbox and inbox in the `reviews` schema: the inbox dedupes the events reviews consumes. */
export const reviewsEventTables: EventTables = { outboxTable, inboxTable };

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface ReviewsDependencies {
  /** The reviews database, already migrated. */
  db: Database;
}

/** The reviews subgraph (owns Review; extends Book and User), built from its dependencies; it never listens. */
export function buildReviewsSubgraph(deps: ReviewsDependencies): SubgraphDefinition<ReviewsContext> {
  return {
    name: 'reviews',
    typeDefs,
    resolvers,
    createContext: (base) => createReviewsContext(deps.db, base),
  };
}

/** The reviews subgraph as services mode and embedded mode run it. */
export const reviewsSubgraph = defineSubgraph({
  name: 'reviews',
  migrationsFolder: reviewsMigrationsFolder,
  settings: reviewsSettings,
  events: { tables: reviewsEventTables, consumes: 'reviews' },
  build: ({ db }) => ({ graphql: buildReviewsSubgraph({ db }), handlers: reviewsEventHandlers({ db }) }),
});
