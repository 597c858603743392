import type { Database, Emit } from '@bookstore/subgraph-runtime';
import { saveStatusChange } from '../db/order-writes.js';
import { itemsOfOrders, type OrderRow } from '../db/orders.js';
import type { OrdersSettings } from '../deps.js';
import { eventsOfStatusChange } from '../domain/order-events.js';
import { nextStatus, type OrderAction } from '../domain/order-status.js';
import type { OrderLine } from '../domain/order-input.js';
import type { OrderPricing } from '../domain/pricing.js';

export interface ActionDetails {
  /** Why, for the history and the events: a cancellation's or a rejection's reason. */
  reason: string | null;
  /** The catalog's prices, for the reservation. */
  pricing?: OrderPricing;
  /**
   * The order's lines, when the caller has read them in this transaction (the reservation, to
   * price them): the events need only their books and quantities, so they are not read again.
   */
  items?: readonly OrderLine[];
}

/**
 * Moves an order, locked by the caller in `tx`, on by `action`: the row, its history and the
 * events the change causes (emitted in `tx`) commit together. Null when the action does not apply to the order's
 * status; the caller decides whether that is a conflict (a person asked) or nothing (an event).
 */
export async function applyAction(tx: Database, emit: Emit, settings: OrdersSettings, order: OrderRow, action: OrderAction, details: ActionDetails): Promise<OrderRow | null> {
  const to = nextStatus(order.status, action);
  if (to === null) return null;
  // The lines (when the caller has not read them) are read in the status change's round trip.
  const itemsRead = details.items ? Promise.resolve(details.items) : itemsOfOrders(tx, [order.id]);
  const [changed] = await Promise.all([
    saveStatusChange(tx, order.id, { to, reason: details.reason, pricing: details.pricing ?? null }, async (changed) => {
      const events = eventsOfStatusChange(
        { id: changed.id, customerId: changed.customerId, items: await itemsRead, totalCents: changed.totalCents, currency: changed.currency },
        { from: order.status, to, reason: details.reason, at: changed.updatedAt },
        settings.paymentWindowSeconds,
      );
      await emit(...events);
    }),
    itemsRead,
  ]);
  return changed;
}
