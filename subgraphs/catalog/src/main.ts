import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { buildCatalogSubgraph, catalogEventHandlers, catalogEventTables, catalogMigrationsFolder } from './subgraph.js';

runMain(() =>
  startSubgraphProcess({
    name: 'catalog',
    config: loadConfig(),
    migrationsFolder: catalogMigrationsFolder,
    build: (db, events) => buildCatalogSubgraph({ db, events }),
    events: { tables: catalogEventTables, consume: { consumer: 'catalog', handlers: (db, events) => catalogEventHandlers({ db, events }) } },
  }),
);
