import { requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import type { PaymentsContext } from '../context.js';
import { mayViewPaymentsOf } from '../domain/access.js';

export const Query = {
  /** Another customer's payment is null, like an unknown one, so payment ids cannot be probed. */
  async payment(_: unknown, args: { id: string }, ctx: PaymentsContext) {
    const viewer = requireViewer(ctx.viewer);
    const payment = await ctx.loaders.paymentById.load(parseId(args.id, 'id'));
    return payment && mayViewPaymentsOf(viewer, payment.customerId) ? payment : null;
  },
};
