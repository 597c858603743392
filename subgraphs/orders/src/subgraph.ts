import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, type EventTables, type SubgraphDefinition } from '@bookstore/kit';
import { parse } from 'graphql';
import { ordersEventHandlers } from './events/handlers.js';
import { ordersSettings, ordersSettingsOf } from './config.js';
import { createOrdersContext, type OrdersContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { OrdersDependencies } from './deps.js';
import { resolvers } from './resolvers/index.js';

/** The committed drizzle-kit migrations of the `orders` schema, applied by the kit at start. */
export const ordersMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

/** The outbox and inbox of the orders schema, for the subgraph's SubgraphEvents. */
export const ordersEventTables: EventTables = { outboxTable, inboxTable };

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The orders subgraph (owns Order, extends User), built from its dependencies; it never listens. */
export function buildOrdersSubgraph(deps: OrdersDependencies): SubgraphDefinition<OrdersContext> {
  return {
    name: 'orders',
    typeDefs,
    resolvers,
    createContext: (base) => createOrdersContext(deps, base),
  };
}

/** The orders subgraph as services mode and embedded mode run it. */
export const ordersSubgraph = defineSubgraph({
  name: 'orders',
  migrationsFolder: ordersMigrationsFolder,
  settings: ordersSettings,
  events: { tables: ordersEventTables, consumes: 'orders' },
  build: ({ db, events, messaging, settings }) => {
    const deps: OrdersDependencies = { db, events, pubsub: messaging.pubsub, settings: ordersSettingsOf(settings) };
    return { graphql: buildOrdersSubgraph(deps), handlers: ordersEventHandlers({ events, settings: deps.settings }) };
  },
});

// The package's only entry point: everything main.ts and embedded mode need.
export type { OrdersContext } from './context.js';
export type { OrdersDependencies, OrdersSettings } from './deps.js';
export { ordersEventHandlers } from './events/handlers.js';
export { addKnownBooks } from './db/books.js';
