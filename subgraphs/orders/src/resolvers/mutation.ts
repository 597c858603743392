import { requireRole, requireViewer, type Viewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { cancelOrder } from '../commands/cancel-order.js';
import { changeFulfilmentStatus } from '../commands/fulfil-order.js';
import { placeOrder } from '../commands/place-order.js';
import { updateShippingAddress } from '../commands/update-shipping-address.js';
import type { OrdersContext } from '../context.js';
import { customerIdOf } from '../domain/order-access.js';
import { validateCancelReason, validateIdempotencyKey, validatePlaceOrder, validateShippingAddress, type AddressInput, type PlaceOrderInput } from '../domain/order-input.js';
import type { OrderStatus } from '../domain/order-status.js';

/** cancelOrder and updateShippingAddress: a change to one order by a signed-in caller (the command checks whose), the order's cached rows forgotten after. */
async function changeOrder<T>(ctx: OrdersContext, rawId: string, change: (viewer: Viewer, id: string) => Promise<T>): Promise<T> {
  const viewer = requireViewer(ctx.viewer);
  const id = parseId(rawId, 'id');
  const order = await change(viewer, id);
  ctx.loaders.forgetOrder(id);
  return order;
}

export const Mutation = {
  placeOrder(_: unknown, args: { input: PlaceOrderInput; idempotencyKey?: string | null }, ctx: OrdersContext) {
    const customerId = customerIdOf(ctx.viewer);
    const order = validatePlaceOrder(args.input);
    return placeOrder(ctx.deps, customerId, order, validateIdempotencyKey(args.idempotencyKey));
  },

  cancelOrder(_: unknown, args: { id: string; reason?: string | null }, ctx: OrdersContext) {
    return changeOrder(ctx, args.id, (viewer, id) => cancelOrder(ctx.deps, viewer, id, validateCancelReason(args.reason)));
  },

  updateShippingAddress(_: unknown, args: { id: string; address: AddressInput }, ctx: OrdersContext) {
    return changeOrder(ctx, args.id, (viewer, id) => updateShippingAddress(ctx.deps, viewer, id, validateShippingAddress(args.address)));
  },

  async updateOrderStatus(_: unknown, args: { id: string; status: OrderStatus }, ctx: OrdersContext) {
    requireRole(ctx.viewer, 'ADMIN');
    const id = parseId(args.id, 'id');
    const order = await changeFulfilmentStatus(ctx.deps, id, args.status);
    ctx.loaders.forgetOrder(id);
    return order;
  },
};
