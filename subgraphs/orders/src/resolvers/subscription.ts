import { NotFoundError, requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import type { OrdersContext } from '../context.js';
import type { OrderRow } from '../db/orders.js';
import { customerIdOf, requireOrderAccess } from '../domain/order-access.js';
import { orderUpdates } from '../order-updates.js';

/**
 * A subscription's loaders live as long as it does: each event forgets what they hold about its
 * order, so its lines, history and total load afresh rather than as at the first event.
 */
function freshOrder(order: OrderRow, _args: unknown, ctx: OrdersContext): OrderRow {
  ctx.loaders.forgetOrder(order.id);
  return order;
}

// Access is settled in `subscribe`, before the channel is, so a refused caller gets one coded
// error and never an event.
export const Subscription = {
  orderUpdated: {
    async subscribe(_: unknown, args: { orderId: string }, ctx: OrdersContext) {
      requireViewer(ctx.viewer);
      const id = parseId(args.orderId, 'orderId');
      const order = await ctx.loaders.orderById.load(id);
      if (!order) throw new NotFoundError('Order');
      requireOrderAccess(ctx.viewer, order);
      return orderUpdates(ctx, (change) => change.orderId === id);
    },
    resolve: freshOrder,
  },

  myOrderUpdates: {
    subscribe(_: unknown, __: unknown, ctx: OrdersContext) {
      const customerId = customerIdOf(ctx.viewer);
      return orderUpdates(ctx, (change) => change.customerId === customerId);
    },
    resolve: freshOrder,
  },
};
