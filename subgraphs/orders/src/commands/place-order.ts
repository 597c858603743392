import { ConflictError } from '@bookstore/server-core';
import { isUniqueViolation } from '@bookstore/subgraph-runtime';
import { bookStates } from '../db/books.js';
import { insertOrder, type Idempotency } from '../db/order-writes.js';
import { orderByIdempotencyKey, type OrderRow } from '../db/orders.js';
import { ORDER_IDEMPOTENCY_UNIQUE } from '../db/schema.js';
import type { OrdersDependencies } from '../deps.js';
import { assertBooksOrderable, requestFingerprint, type NewOrder } from '../domain/order-input.js';
import { eventsOfStatusChange } from '../domain/order-events.js';

/**
 * Places a PENDING order and, in the same transaction, the events that ask the catalog to
 * reserve its stock. With an idempotency key, a retry of the same request returns the first
 * order (even if a book was deleted since), and concurrent retries still create only one: the
 * unique index picks the winner. A new order's books must be ones the catalog has announced.
 */
export async function placeOrder(deps: OrdersDependencies, customerId: string, order: NewOrder, idempotencyKey: string | null): Promise<OrderRow> {
  const idempotency = idempotencyKey === null ? null : { key: idempotencyKey, fingerprint: requestFingerprint(order) };
  if (idempotency) {
    const earlier = await orderByIdempotencyKey(deps.db, customerId, idempotency.key);
    if (earlier) return sameRequestOrConflict(earlier, idempotency);
  }
  try {
    return await deps.events.transaction(async (tx, emit) => {
      // The books are checked in the transaction's first round trip, with BEGIN and the order's
      // row (a round trip of its own before); an order they refuse is rolled back, and its events
      // wait for the check.
      const checked = bookStates(tx, order.items.map((line) => line.bookId)).then((books) => assertBooksOrderable(order.items, books));
      checked.catch(() => {}); // reported by `alongside` below, unless the row's insert failed first
      return insertOrder(tx, customerId, order, idempotency, async (created) => {
        await checked;
        const snapshot = { id: created.id, customerId, items: order.items, totalCents: null, currency: null };
        await emit(...eventsOfStatusChange(snapshot, { from: null, to: created.status, reason: null, at: created.createdAt }, deps.settings.paymentWindowSeconds));
      });
    });
  } catch (error) {
    // A concurrent request with the same key committed first; its order answers this one too.
    if (idempotency && isUniqueViolation(error, ORDER_IDEMPOTENCY_UNIQUE)) {
      const winner = await orderByIdempotencyKey(deps.db, customerId, idempotency.key);
      if (winner) return sameRequestOrConflict(winner, idempotency);
    }
    throw error;
  }
}

function sameRequestOrConflict(order: OrderRow, idempotency: Idempotency): OrderRow {
  if (order.requestFingerprint !== idempotency.fingerprint) {
    throw new ConflictError('idempotencyKey was already used for a different order; use a new key for a new order.', 'idempotencyKey');
  }
  return order;
}
