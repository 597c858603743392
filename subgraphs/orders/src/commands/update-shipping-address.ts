import { ConflictError, NotFoundError, type Viewer } from '@bookstore/server-core';
import { lockOrder, saveShippingAddress } from '../db/order-writes.js';
import type { OrderRow } from '../db/orders.js';
import type { OrdersDependencies } from '../deps.js';
import { requireOrderAccess } from '../domain/order-access.js';
import type { Address } from '../domain/order-input.js';
import { ADDRESS_CHANGEABLE_STATUSES } from '../domain/order-status.js';

/**
 * The customer or an ADMIN sends an order that has not shipped somewhere else. Under the order's
 * row lock, so a concurrent `updateOrderStatus(SHIPPED)` either ships to the new address or makes
 * this a CONFLICT. No event: nothing downstream reads the address, and the order's subscriptions
 * announce status changes only.
 */
export async function updateShippingAddress(deps: OrdersDependencies, viewer: Viewer, orderId: string, address: Address): Promise<OrderRow> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new NotFoundError(`Order ${orderId}`);
    requireOrderAccess(viewer, order);
    if (!ADDRESS_CHANGEABLE_STATUSES.includes(order.status)) {
      throw new ConflictError(`Order ${orderId} is ${order.status}; only ${ADDRESS_CHANGEABLE_STATUSES.join(', ')} orders can change their shipping address.`, 'id');
    }
    return saveShippingAddress(tx, orderId, address);
  });
}
