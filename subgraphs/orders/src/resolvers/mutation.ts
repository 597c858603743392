import { requireRole, requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { cancelOrder } from '../commands/cancel-order.js';
import { changeFulfilmentStatus } from '../commands/fulfil-order.js';
import { placeOrder } from '../commands/place-order.js';
import { updateShippingAddress } from '../commands/update-shipping-address.js';
import type { OrdersContext } from '../context.js';
import { customerIdOf } from '../domain/order-access.js';
import { validateCancelReason, validateIdempotencyKey, validatePlaceOrder, validateShippingAddress, type AddressInput, type PlaceOrderInput } from '../domain/order-input.js';
import type { OrderStatus } from '../domain/order-status.js';

export const Mutation = {
  placeOrder(_: unknown, args: { input: PlaceOrderInput; idempotencyKey?: string | null }, ctx: OrdersContext) {
    const customerId = customerIdOf(ctx.viewer);
    const order = validatePlaceOrder(args.input);
    return placeOrder(ctx.deps, customerId, order, validateIdempotencyKey(args.idempotencyKey));
  },

  async cancelOrder(_: unknown, args: { id: string; reason?: string | null }, ctx: OrdersContext) {
    const viewer = requireViewer(ctx.viewer);
    const id = parseId(args.id, 'id');
    const order = await cancelOrder(ctx.deps, viewer, id, validateCancelReason(args.reason));
    ctx.loaders.forgetOrder(id);
    return order;
  },

  async updateShippingAddress(_: unknown, args: { id: string; address: AddressInput }, ctx: OrdersContext) {
    const viewer = requireViewer(ctx.viewer);
    const id = parseId(args.id, 'id');
    const order = await updateShippingAddress(ctx.deps, viewer, id, validateShippingAddress(args.address));
    ctx.loaders.forgetOrder(id);
    return order;
  },

  async updateOrderStatus(_: unknown, args: { id: string; status: OrderStatus }, ctx: OrdersContext) {
    requireRole(ctx.viewer, 'ADMIN');
    const id = parseId(args.id, 'id');
    const order = await changeFulfilmentStatus(ctx.deps, id, args.status);
    ctx.loaders.forgetOrder(id);
    return order;
  },
};
