import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { buildPaymentsSubgraph, paymentsEventHandlers, paymentsEventTables, paymentsMigrationsFolder } from './subgraph.js';

runMain(() =>
  startSubgraphProcess({
    name: 'payments',
    config: loadConfig(),
    migrationsFolder: paymentsMigrationsFolder,
    build: (db, events, _logger, messaging) => buildPaymentsSubgraph({ db, events: events!, rateLimits: messaging?.rateLimits }),
    events: { tables: paymentsEventTables, consume: { consumer: 'payments', handlers: (_db, _events, logger) => paymentsEventHandlers({ logger }) } },
  }),
);
