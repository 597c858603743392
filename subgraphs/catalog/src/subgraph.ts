import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { catalogSettings } from './config.js';
import type { CatalogContext } from './context.js';
import { inboxTable, outboxTable } from './db/schema.js';
import type { CatalogDependencies } from './deps.js';
import { catalogEventHandlers } from './events/handlers.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The catalog subgraph (owns Book, Author, Category) and its part of the saga, built from its dependencies; it never listens. */
export function buildCatalog(deps: CatalogDependencies): BuiltSubgraph<CatalogContext> {
  return {
    graphql: { name: 'catalog', typeDefs, resolvers, createContext: subgraphContext(deps, createLoaders) },
    handlers: catalogEventHandlers(),
  };
}

/** The catalog subgraph as services mode and embedded mode run it. */
export const catalogSubgraph = defineSubgraph({
  name: 'catalog',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: catalogSettings,
  events: { tables: { outboxTable, inboxTable }, consumes: 'catalog' },
  build: ({ db, events }) => buildCatalog({ db, events }),
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { CatalogContext } from './context.js';
export type { CatalogDependencies } from './deps.js';
export { seedDemoCatalogue } from './seed/seed-demo-catalogue.js';
