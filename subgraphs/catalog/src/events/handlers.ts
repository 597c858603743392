import { inTransactionOnly, type EventHandlers } from '@bookstore/subgraph-runtime';
import { releaseStock } from '../commands/release-stock.js';
import { reserveStock } from '../commands/reserve-stock.js';

/**
 * What the catalog does in the order saga: reserve stock for placed orders, release it for
 * cancelled ones and for those refunded in full before they shipped (shipped books have left).
 */
export function catalogEventHandlers(): EventHandlers {
  return {
    // Its effects are its statements and its event: it goes to PostgreSQL with its inbox insert.
    'order.placed': inTransactionOnly((tx, payload, _event, emit) => reserveStock(tx, emit, payload.orderId, payload.items)),
    'order.cancelled': (tx, payload) => releaseStock(tx, payload.orderId),
    'order.refunded': async (tx, payload) => {
      if (!payload.shipped) await releaseStock(tx, payload.orderId);
    },
  };
}
