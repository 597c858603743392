import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { buildReviewsSubgraph, reviewsEventHandlers, reviewsEventTables, reviewsMigrationsFolder } from './subgraph.js';

runMain(() =>
  startSubgraphProcess({
    name: 'reviews',
    config: loadConfig(),
    migrationsFolder: reviewsMigrationsFolder,
    build: (db) => buildReviewsSubgraph({ db }),
    events: { tables: reviewsEventTables, consume: { consumer: 'reviews', handlers: (db) => reviewsEventHandlers({ db }) } },
  }),
);
