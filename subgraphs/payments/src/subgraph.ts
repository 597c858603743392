import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, type Database, type EventTables, type RateLimits, type SubgraphDefinition, type SubgraphEvents } from '@bookstore/kit';
import { parse } from 'graphql';
import { paymentsSettings } from './config.js';
import { createPaymentsContext, type PaymentsContext } from './context.js';
import { paymentsEventHandlers } from './events/handlers.js';
import { inboxTable, outboxTable } from './db/schema.js';
import { resolvers } from './resolvers/index.js';

export type { PaymentsContext } from './context.js';
export { paymentsEventHandlers, type PaymentsEventDependencies } from './events/handlers.js';

/** The committed drizzle-kit migrations of the `payments` schema, applied by the kit at start. */
export const paymentsMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The outbox and inbox in the `payments` schema, for the subgraph's `SubgraphEvents`. */
export const paymentsEventTables: EventTables = { outboxTable, inboxTable };

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface PaymentsDependencies {
  /** The payments database, already migrated. */
  db: Database;
  /** The subgraph's events over `paymentsEventTables`: payOrder writes `payment.succeeded` through it. */
  events: SubgraphEvents;
  /** Throttles payOrder per account and per address; none in tests that do not exercise it. */
  rateLimits?: RateLimits;
}

/** The payments subgraph (owns Payment and Refund; extends Order and User), built from its dependencies; it never listens. */
export function buildPaymentsSubgraph(deps: PaymentsDependencies): SubgraphDefinition<PaymentsContext> {
  return {
    name: 'payments',
    typeDefs,
    resolvers,
    createContext: (base) => createPaymentsContext(deps.db, deps.events, base, deps.rateLimits),
  };
}

/** The payments subgraph as services mode and embedded mode run it. */
export const paymentsSubgraph = defineSubgraph({
  name: 'payments',
  migrationsFolder: paymentsMigrationsFolder,
  settings: paymentsSettings,
  events: { tables: paymentsEventTables, consumes: 'payments' },
  build: ({ db, events, messaging, logger }) => ({
    graphql: buildPaymentsSubgraph({ db, events, rateLimits: messaging.rateLimits }),
    handlers: paymentsEventHandlers({ logger }),
  }),
});
