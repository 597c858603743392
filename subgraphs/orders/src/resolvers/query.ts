import { requireRole, requireViewer } from '@bookstore/server-core';
import { createdAtCursor, decodeTimeIdCursor, paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { OrdersContext } from '../context.js';
import { allOrders } from '../db/orders.js';
import { requireOrderAccess } from '../domain/order-access.js';
import type { OrderStatus } from '../domain/order-status.js';

interface OrdersArgs extends PageArgs {
  status?: OrderStatus | null;
}

export const Query = {
  /** Unknown ids are null, but only a signed-in caller learns even that. */
  async order(_: unknown, args: { id: string }, ctx: OrdersContext) {
    requireViewer(ctx.viewer);
    const order = await ctx.loaders.orderById.load(parseId(args.id, 'id'));
    if (order) requireOrderAccess(ctx.viewer, order);
    return order;
  },

  async orders(_: unknown, args: OrdersArgs, ctx: OrdersContext) {
    requireRole(ctx.viewer, 'ADMIN');
    const list = allOrders(ctx.deps.db, args.status ?? null);
    return paginate(args, { decode: decodeTimeIdCursor, fetch: list.page, cursorOf: createdAtCursor, totalCount: list.count });
  },
};
