import { createdAtCursor, decodeTimeIdCursor, pageSize, parseId, requireRole, requireViewer, toConnection, type PageArgs } from '@bookstore/kit';
import type { OrdersContext } from '../context.js';
import { countOrders, listOrders } from '../db/orders.js';
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
    const first = pageSize(args.first);
    const after = decodeTimeIdCursor(args.after);
    const status = args.status ?? null;
    const rows = await listOrders(ctx.deps.db, status, { after, limit: first + 1 });
    return toConnection(rows, first, createdAtCursor, () => countOrders(ctx.deps.db, status));
  },
};
