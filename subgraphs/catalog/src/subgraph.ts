import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, type Database, type SubgraphDefinition, type SubgraphEvents } from '@bookstore/kit';
import { parse } from 'graphql';
import { catalogSettings } from './config.js';
import { createCatalogContext, type CatalogContext } from './context.js';
import { catalogEventHandlers } from './events/handlers.js';
import { resolvers } from './resolvers/index.js';

export type { CatalogContext } from './context.js';
export { seedDemoCatalogue } from './seed/seed-demo-catalogue.js';
export { catalogEventHandlers, type CatalogEventDependencies } from './events/handlers.js';
import { inboxTable, outboxTable } from './db/schema.js';
/** The catalog's outbox and inbox, for its SubgraphEvents. */
export const catalogEventTables = { outboxTable, inboxTable };

/** The committed drizzle-kit migrations of the `catalog` schema, applied by the kit at start. */
export const catalogMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

export interface CatalogDependencies {
  /** The catalog's database, already migrated. */
  db: Database;
  /** Its event relay, woken after writes that announce book changes; absent in tests without one. */
  events?: Pick<SubgraphEvents, 'notify'>;
}

/** The catalog subgraph (owns Book, Author, Category), built from its dependencies; it never listens. */
export function buildCatalogSubgraph(deps: CatalogDependencies): SubgraphDefinition<CatalogContext> {
  return {
    name: 'catalog',
    typeDefs,
    resolvers,
    createContext: (base) => createCatalogContext(deps.db, base, () => deps.events?.notify()),
  };
}

/** The catalog subgraph as services mode and embedded mode run it. */
export const catalogSubgraph = defineSubgraph({
  name: 'catalog',
  migrationsFolder: catalogMigrationsFolder,
  settings: catalogSettings,
  events: { tables: catalogEventTables, consumes: 'catalog' },
  build: ({ db, events }) => ({ graphql: buildCatalogSubgraph({ db, events }), handlers: catalogEventHandlers({ db, events }) }),
});
