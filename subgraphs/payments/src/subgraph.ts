import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, EventTables, RateLimits, SubgraphDefinition, SubgraphEvents } from '@bookstore/kit';
import { parse } from 'graphql';
import { createPaymentsContext, type PaymentsContext } from './context.js';
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
