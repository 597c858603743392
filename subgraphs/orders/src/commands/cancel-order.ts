import { ConflictError, NotFoundError, type Viewer } from '@bookstore/server-core';
import { lockOrder } from '../db/order-writes.js';
import type { OrderRow } from '../db/orders.js';
import type { OrdersDependencies } from '../deps.js';
import { requireOrderAccess } from '../domain/order-access.js';
import { statusesAllowing } from '../domain/order-status.js';
import { applyAction } from './apply-action.js';

/** The customer or an ADMIN cancels an order that has not shipped; the catalog and payments undo their part on `order.cancelled`. */
export async function cancelOrder(deps: OrdersDependencies, viewer: Viewer, orderId: string, reason: string | null): Promise<OrderRow> {
  return deps.events.transaction(async (tx, emit) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new NotFoundError(`Order ${orderId}`);
    requireOrderAccess(viewer, order);
    const changed = await applyAction(tx, emit, deps.settings, order, 'cancel', { reason });
    if (!changed) {
      throw new ConflictError(`Order ${orderId} is ${order.status}; only ${statusesAllowing('cancel').join(', ')} orders can be cancelled.`, 'id');
    }
    return changed;
  });
}
