import { InternalError, UnreachableCaseError } from '@bookstore/server-core';
import { event, type NewEvent } from '@bookstore/events';
import type { OrderLine } from './order-input.js';
import type { OrderStatus } from './order-status.js';

/** What the events of a status change say about the order, as it is after the change. */
export interface OrderSnapshot {
  id: string;
  customerId: string;
  items: readonly OrderLine[];
  /** Null until the stock is reserved and the catalog's prices are known. */
  totalCents: number | null;
  currency: string | null;
}

export interface StatusChange {
  /** Null when the order is placed. */
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string | null;
  /** When the change committed; also the history entry's `at`. */
  at: Date;
}

/**
 * The events one status change writes to the outbox, in its transaction (DESIGN.md, Events):
 * each tells the subgraph that acts next, and every change is announced for subscriptions.
 */
export function eventsOfStatusChange(order: OrderSnapshot, change: StatusChange, paymentWindowSeconds: number): NewEvent[] {
  const statusChanged = event('order.status_changed', {
    orderId: order.id,
    customerId: order.customerId,
    status: change.to,
    previousStatus: change.from,
    reason: change.reason,
    at: change.at.toISOString(),
  });
  switch (change.to) {
    case 'PENDING':
      return [event('order.placed', { orderId: order.id, customerId: order.customerId, items: order.items.map(({ bookId, quantity }) => ({ bookId, quantity })) }), statusChanged];
    case 'AWAITING_PAYMENT': {
      if (order.totalCents === null || order.currency === null) throw new InternalError(`Order ${order.id} cannot await payment without a total.`);
      // The expiry waits in the outbox until the window closes, so it survives restarts.
      const windowCloses = new Date(change.at.getTime() + paymentWindowSeconds * 1000);
      return [
        event('order.awaiting_payment', { orderId: order.id, customerId: order.customerId, totalCents: order.totalCents, currency: order.currency }),
        statusChanged,
        event('order.payment_window_expired', { orderId: order.id }, windowCloses),
      ];
    }
    case 'CANCELLED':
      return [event('order.cancelled', { orderId: order.id, customerId: order.customerId, reason: change.reason }), statusChanged];
    case 'DELIVERED':
      return [event('order.delivered', { orderId: order.id, customerId: order.customerId, bookIds: order.items.map((line) => line.bookId) }), statusChanged];
    // Refunded before it shipped, the books are still on the shelf: the catalog releases them as
    // for a cancellation. After shipping they have left; a return is restocked by hand.
    case 'REFUNDED':
      return [event('order.refunded', { orderId: order.id, customerId: order.customerId, shipped: change.from !== 'PAID' }), statusChanged];
    case 'PAID':
    case 'SHIPPED':
    case 'REJECTED':
      return [statusChanged];
    default:
      throw new UnreachableCaseError(change.to);
  }
}
