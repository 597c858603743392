import { requireRole, requireViewer } from '@bookstore/server-core';
import { createdAtCursor, decodeTimeIdCursor, paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { PaymentsContext } from '../context.js';
import { allPayments } from '../db/payments.js';
import { mayViewPaymentsOf } from '../domain/access.js';
import type { PaymentStatus } from '../domain/types.js';

interface PaymentsArgs extends PageArgs {
  status?: PaymentStatus | null;
}

export const Query = {
  /** Another customer's payment is null, like an unknown one, so payment ids cannot be probed. */
  async payment(_: unknown, args: { id: string }, ctx: PaymentsContext) {
    const viewer = requireViewer(ctx.viewer);
    const payment = await ctx.loaders.paymentById.load(parseId(args.id, 'id'));
    return payment && mayViewPaymentsOf(viewer, payment.customerId) ? payment : null;
  },

  async payments(_: unknown, args: PaymentsArgs, ctx: PaymentsContext) {
    requireRole(ctx.viewer, 'ADMIN');
    const list = allPayments(ctx.deps.db, args.status ?? null);
    return paginate(args, { decode: decodeTimeIdCursor, fetch: list.page, cursorOf: createdAtCursor, totalCount: list.count });
  },
};
