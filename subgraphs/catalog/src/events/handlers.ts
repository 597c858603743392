import type { Database, EventHandlers, SubgraphEvents } from '@bookstore/kit';
import { releaseStock } from '../commands/release-stock.js';
import { reserveStock } from '../commands/reserve-stock.js';

export interface CatalogEventDependencies {
  db: Database;
  events: SubgraphEvents;
}

/**
 * What the catalog does in the order saga: reserve stock for placed orders, release it for
 * cancelled ones and for those refunded in full before they shipped (shipped books have left).
 */
export function catalogEventHandlers(deps: CatalogEventDependencies): EventHandlers {
  return {
    'order.placed': (tx, payload) => reserveStock(tx, deps.events, payload.orderId, payload.items),
    'order.cancelled': (tx, payload) => releaseStock(tx, payload.orderId),
    'order.refunded': async (tx, payload) => {
      if (!payload.shipped) await releaseStock(tx, payload.orderId);
    },
  };
}
