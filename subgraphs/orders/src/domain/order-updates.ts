import { eventSchemas, type EventEnvelope, type EventPayload } from '@bookstore/events';
import type { OrderStatus } from './order-status.js';

/** What `order.status_changed` says: the order, its customer, the status it moved to, and when. */
export type OrderStatusChanged = EventPayload<'order.status_changed'>;

/**
 * The status change a pub/sub message announces, or undefined for anything else. The relay
 * checked the payload when it was written; checking again here keeps a stray or older message
 * on the channel from reaching a subscriber as an order.
 */
export function statusChangeOf(message: unknown): OrderStatusChanged | undefined {
  const envelope = message as Partial<EventEnvelope> | null | undefined;
  if (envelope?.name !== 'order.status_changed') return undefined;
  const payload = eventSchemas['order.status_changed'].safeParse(envelope.payload);
  return payload.success ? payload.data : undefined;
}

/**
 * The order as it was at `change`: its status and update time are the change's own. An event
 * is read after the order may have moved on, and a burst PENDING -> AWAITING_PAYMENT -> PAID
 * must read as those three steps, not as PAID three times.
 */
export function orderAtChange<O extends { status: OrderStatus; updatedAt: Date }>(order: O, change: OrderStatusChanged): O {
  return { ...order, status: change.status, updatedAt: new Date(change.at) };
}
