import type { EventHandlers } from '@bookstore/subgraph-runtime';
import { recordBookChange } from '../db/books.js';
import { recordDelivery } from '../db/purchases.js';

/**
 * The `reviews` consumer: the local view of books (`book.changed`, from the catalog) and the
 * verified purchases (`order.delivered`, from orders). Each handler runs in the transaction that
 * records the event in the inbox, so a redelivered event has no second effect; both are also
 * idempotent by state, so a second event saying the same changes nothing either.
 */
export function reviewsEventHandlers(): EventHandlers {
  return {
    'book.changed': (tx, payload) => recordBookChange(tx, payload),
    'order.delivered': (tx, payload) => recordDelivery(tx, payload.customerId, payload.bookIds),
  };
}
