import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { ordersSettings, ordersSettingsOf } from './config.js';
import type { OrdersContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { OrdersDependencies } from './deps.js';
import { ordersEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The orders subgraph (owns Order, extends User) and its saga's handlers, built from its dependencies; it never listens. */
export function buildOrders(deps: OrdersDependencies): BuiltSubgraph<OrdersContext> {
  return {
    graphql: { name: 'orders', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: ordersEventHandlers(deps),
  };
}

/** The orders subgraph as services mode and embedded mode run it. */
export const ordersSubgraph = defineSubgraph({
  name: 'orders',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: ordersSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'orders' },
  build: ({ db, events, messaging, settings }) => buildOrders({ db, events, pubsub: messaging.pubsub, settings: ordersSettingsOf(settings) }),
});

// The package's only entry point: everything main.ts and embedded mode need.
export type { OrdersContext } from './context.js';
export type { OrdersDependencies, OrdersSettings } from './deps.js';
export { addKnownBooks } from './db/books.js';
