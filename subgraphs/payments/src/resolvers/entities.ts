import { requireSelfOrAdmin, requireViewer } from '@bookstore/server-core';
import { money } from '@bookstore/events';
import { createdAtCursor, decodeTimeIdCursor, isUuid, paginate, type PageArgs } from '@bookstore/subgraph-runtime';
import type { PaymentsContext } from '../context.js';
import type { PaymentRow } from '../db/payments.js';
import type { RefundRow } from '../db/refunds.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

export const Payment = {
  /**
   * Resolves any payment by id, like every subgraph's entities: only the router reaches
   * `_entities`, with references it got from fields that checked access.
   */
  __resolveReference(ref: Reference, ctx: PaymentsContext) {
    return isUuid(ref.id) ? ctx.loaders.paymentById.load(ref.id.toLowerCase()) : null;
  },
  order: (payment: PaymentRow): Reference => ({ id: payment.orderId }),
  amount: (payment: PaymentRow) => money(payment.amountCents, payment.currency),
  refunds: (payment: PaymentRow, _args: unknown, ctx: PaymentsContext) => ctx.loaders.refundsByPaymentId.load(payment.id),
};

export const Refund = {
  amount: (refund: RefundRow) => money(refund.amountCents, refund.currency),
};

/**
 * Orders are owned by the orders subgraph; payments adds their payments. Every id resolves, so an
 * order payments has not heard of yet (still PENDING) has no payments rather than no entity.
 */
export const Order = {
  __resolveReference: (ref: Reference): Reference => ({ id: ref.id }),
  /** Owner or ADMIN; every payment of an order is its customer's, so the first one names the owner. */
  async payments(order: Reference, _args: unknown, ctx: PaymentsContext) {
    const viewer = requireViewer(ctx.viewer);
    const payments = await ctx.loaders.paymentsByOrderId.load(order.id.toLowerCase());
    if (payments[0]) requireSelfOrAdmin(viewer, payments[0].customerId);
    return payments;
  },
};

/** Users are owned by the users subgraph; payments adds a customer's payments, newest first. */
export const User = {
  __resolveReference: (ref: Reference): Reference => ({ id: ref.id }),
  async payments(user: Reference, args: PageArgs, ctx: PaymentsContext) {
    requireSelfOrAdmin(ctx.viewer, user.id);
    const customerId = user.id.toLowerCase();
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.paymentsOfCustomer(page).load(customerId),
      cursorOf: createdAtCursor,
      totalCount: () => ctx.loaders.paymentCountByCustomerId.load(customerId),
    });
  },
};
