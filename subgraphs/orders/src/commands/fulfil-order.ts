import { ConflictError, NotFoundError } from '@bookstore/server-core';
import { lockOrder } from '../db/order-writes.js';
import type { OrderRow } from '../db/orders.js';
import type { OrdersDependencies } from '../deps.js';
import { adminActionFor, type OrderStatus } from '../domain/order-status.js';
import { applyAction } from './apply-action.js';

/** An ADMIN ships a paid order, or marks a shipped one delivered; every other change is the saga's. */
export async function changeFulfilmentStatus(deps: OrdersDependencies, orderId: string, target: OrderStatus): Promise<OrderRow> {
  return deps.events.transaction(async (tx, emit) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new NotFoundError(`Order ${orderId}`);
    const action = adminActionFor(target);
    const result = action === null ? null : await applyAction(tx, emit, deps.settings, order, action, { reason: null });
    if (!result) {
      throw new ConflictError(`Order ${orderId} cannot go from ${order.status} to ${target}: only PAID to SHIPPED and SHIPPED to DELIVERED are set by hand.`, 'status');
    }
    return result;
  });
}
