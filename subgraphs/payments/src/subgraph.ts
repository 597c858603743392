import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { paymentsSettings } from './config.js';
import type { PaymentsContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { PaymentsDependencies } from './deps.js';
import { paymentsEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The payments subgraph (owns Payment and Refund; extends Order and User) and its part of the saga, built from its dependencies; it never listens. */
export function buildPayments(deps: PaymentsDependencies): BuiltSubgraph<PaymentsContext> {
  return {
    graphql: { name: 'payments', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: paymentsEventHandlers(deps),
  };
}

/** The payments subgraph as services mode and embedded mode run it. */
export const paymentsSubgraph = defineSubgraph({
  name: 'payments',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: paymentsSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'payments' },
  build: ({ db, events, messaging, logger }) => buildPayments({ db, events, rateLimits: messaging.rateLimits, logger }),
});

// The package's only entry point: everything main.ts and embedded mode need.
export type { PaymentsContext } from './context.js';
export type { PaymentsDependencies } from './deps.js';
