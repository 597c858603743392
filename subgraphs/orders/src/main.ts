import { runMain, startSubgraphProcess } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { buildOrdersSubgraph, ordersEventHandlers, ordersEventTables, ordersMigrationsFolder } from './subgraph.js';

runMain(() => {
  const config = loadConfig();
  const settings = { paymentWindowSeconds: config.PAYMENT_WINDOW_SECONDS };
  return startSubgraphProcess({
    name: 'orders',
    config,
    migrationsFolder: ordersMigrationsFolder,
    build: (db, events, _logger, messaging) => buildOrdersSubgraph({ db, events: events!, pubsub: messaging!.pubsub, settings }),
    events: { tables: ordersEventTables, consume: { consumer: 'orders', handlers: (_db, events) => ordersEventHandlers({ events, settings }) } },
  });
});
