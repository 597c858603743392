import { NotFoundError } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { lockPayment } from '../db/payments.js';
import { applyRefund, capturedOnOrder, type RefundRow } from '../db/refunds.js';
import { planRefund } from '../domain/refund-plan.js';
import type { PaymentsDependencies } from '../deps.js';

/**
 * `refundPayment`: `amountCents` or, when null, everything still captured. The refund that leaves
 * nothing captured on the order tells orders, in its transaction (`payment.refunded`), so the
 * order ends REFUNDED; a partial refund leaves it as it is.
 */
export async function refundPayment({ events }: PaymentsDependencies, paymentId: string, amountCents: number | null, reason: string | null): Promise<RefundRow> {
  return events.transaction(async (tx, emit) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new NotFoundError(`Payment ${paymentId}`);
    const refund = await applyRefund(tx, payment, planRefund(payment, amountCents), reason);
    const captured = await capturedOnOrder(tx, payment.orderId);
    if (captured.remainingCents <= 0) {
      await emit(event('payment.refunded', { orderId: payment.orderId, paymentId, amountCents: captured.refundedCents, currency: payment.currency, reason }));
    }
    return refund;
  });
}
