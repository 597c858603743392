import { type EventEnvelope, type EventName, type EventPayload } from '@bookstore/events';
import { inTransactionOnly, UnrecoverableError, type Database, type Emit, type EventHandlers } from '@bookstore/subgraph-runtime';
import { recordBookChange } from '../db/books.js';
import { lockOrder } from '../db/order-writes.js';
import { itemsOfOrders, type OrderRow } from '../db/orders.js';
import { nextStatus, type OrderAction } from '../domain/order-status.js';
import { priceOrder } from '../domain/pricing.js';
import { applyAction } from '../commands/apply-action.js';
import type { OrdersDependencies } from '../deps.js';

/** The history's and `order.cancelled`'s reason when nobody paid in time. */
const PAYMENT_WINDOW_EXPIRED = 'payment window expired';

/**
 * The `orders` consumer of the saga. Each handler runs in the transaction that records the
 * event in the inbox, so a redelivered event has no second effect; an event that no longer
 * applies to the order's status (it was cancelled meanwhile, say) changes nothing, and the
 * other subgraphs undo their part when they see `order.cancelled`. `book.changed` keeps orders'
 * view of the catalogue's book ids, which placeOrder checks.
 */
export function ordersEventHandlers({ settings }: Pick<OrdersDependencies, 'settings'>): EventHandlers {
  /** The handler of an event that moves its order on by `action`, for the reason the event gives. */
  const moveOrder =
    <N extends EventName>(action: OrderAction, reasonOf: (payload: EventPayload<N>) => string | null = () => null) =>
    async (tx: Database, payload: EventPayload<N> & { orderId: string }, event: EventEnvelope<N>, emit: Emit) => {
      const order = await lockKnownOrder(tx, payload.orderId, event.name);
      await applyAction(tx, emit, settings, order, action, { reason: reasonOf(payload) });
    };
  return {
    'book.changed': (tx, payload) => recordBookChange(tx, payload),
    // Its effects are its statements and its events: it goes to PostgreSQL with its inbox insert.
    'stock.reserved': inTransactionOnly(async (tx, payload, _event, emit) => {
      // The lines are read in the lock's round trip: the server runs the two in the order sent, so the read follows the lock.
      const [order, items] = await Promise.all([lockKnownOrder(tx, payload.orderId, 'stock.reserved'), itemsOfOrders(tx, [payload.orderId])]);
      // Cancelled while the catalog reserved: nothing to price, and the catalog releases the stock on order.cancelled.
      if (nextStatus(order.status, 'reserveStock') === null) return;
      const priced = priceOrder(items, payload.items);
      if (!priced.ok) throw new UnrecoverableError(`stock.reserved for order ${order.id} does not match it: ${priced.problem}`);
      await applyAction(tx, emit, settings, order, 'reserveStock', { reason: null, pricing: priced.pricing, items });
    }),
    'stock.rejected': moveOrder('rejectStock', (payload) => payload.reason),
    'payment.succeeded': moveOrder('confirmPayment'),
    // Payments refunded everything captured. A cancelled order ignores it (its refund was the
    // cancellation's), as does any order a full refund does not apply to.
    'payment.refunded': moveOrder('refund', (payload) => payload.reason),
    'order.payment_window_expired': moveOrder('expirePaymentWindow', () => PAYMENT_WINDOW_EXPIRED),
  };
}

/** Events only follow `order.placed`, written with the order; one naming another order can never succeed. */
async function lockKnownOrder(tx: Database, orderId: string, eventName: string): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw new UnrecoverableError(`${eventName} names order ${orderId}, which does not exist`);
  return order;
}
