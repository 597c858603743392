import { NotFoundError, requireRole, requireViewer } from '@bookstore/server-core';
import { isUuid, parseId } from '@bookstore/subgraph-runtime';
import type { GraphQLResolveInfo } from 'graphql';
import type { PaymentsContext } from '../context.js';
import { payOrder } from '../commands/pay-order.js';
import { refundPayment } from '../commands/refund-payment.js';
import { validatePayRequest, type PayOrderInput } from '../domain/pay-request.js';
import { parseRefundAmount, parseRefundReason } from '../domain/refund-plan.js';

const PAY_PER_ACCOUNT = { name: 'pay-account', points: 60, durationSeconds: 60 };
const PAY_PER_IP = { name: 'pay-ip', points: 300, durationSeconds: 60 };

export const Mutation = {
  async payOrder(_: unknown, args: { input: PayOrderInput; idempotencyKey: string }, ctx: PaymentsContext, info: GraphQLResolveInfo) {
    const viewer = requireViewer(ctx.viewer);
    // Card testing: a stolen-card script tries many numbers; limit per account and per address,
    // for every payOrder of the operation before any pays.
    await ctx.deps.rateLimits?.consumeForOperation(ctx, info, [
      [PAY_PER_ACCOUNT, viewer.id],
      [PAY_PER_IP, ctx.clientIp],
    ]);
    const request = validatePayRequest(args.input, args.idempotencyKey, new Date());
    // Orders belong to customers, whose ids are UUIDs; a caller with any other id owns none.
    if (!isUuid(viewer.id)) throw new NotFoundError(`Order ${request.orderId}`);
    return payOrder(ctx.deps, viewer.id.toLowerCase(), request);
  },

  async refundPayment(_: unknown, args: { paymentId: string; amount?: string | null; reason?: string | null }, ctx: PaymentsContext) {
    requireRole(ctx.viewer, 'ADMIN');
    const paymentId = parseId(args.paymentId, 'paymentId');
    const refund = await refundPayment(ctx.deps, paymentId, parseRefundAmount(args.amount), parseRefundReason(args.reason));
    ctx.loaders.forgetPayment(paymentId);
    return refund;
  },
};
