import { inTransactionOnly, type EventHandlers } from '@bookstore/subgraph-runtime';
import { recordAwaitingPayment, recordCancellation } from '../db/payable-orders.js';
import { refundOrder } from '../commands/refund-order.js';
import { cancellationRefundReason } from '../domain/refund-plan.js';
import type { PaymentsDependencies } from '../deps.js';

/**
 * The `payments` consumer (DESIGN.md, the order saga). Each handler runs in the transaction that
 * records the event in the inbox, so a redelivered event has no second effect; both are also
 * idempotent by state, so a second event about the same order changes nothing either.
 */
export function paymentsEventHandlers({ logger }: Pick<PaymentsDependencies, 'logger'>): EventHandlers {
  return {
    // One statement, nothing outside the transaction: it goes to PostgreSQL with its inbox insert.
    'order.awaiting_payment': inTransactionOnly(async (tx, payload) => {
      await recordAwaitingPayment(tx, payload);
    }),
    'order.cancelled': async (tx, payload, event) => {
      await recordCancellation(tx, payload);
      const refunds = await refundOrder(tx, payload.orderId, cancellationRefundReason(payload.reason));
      if (refunds.length > 0) {
        logger.info({ orderId: payload.orderId, eventId: event.id, refunds: refunds.map((refund) => refund.id) }, 'refunding the payments of a cancelled order');
      }
    },
  };
}
