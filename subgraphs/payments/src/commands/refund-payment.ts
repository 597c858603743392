import { event, NotFoundError } from '@bookstore/kit';
import { lockPayment } from '../db/payments.js';
import { applyRefund, capturedOnOrder, type RefundRow } from '../db/refunds.js';
import { planRefund } from '../domain/refund-plan.js';
import type { PaymentsDependencies } from '../deps.js';

export interface RefundOutcome {
  refund: RefundRow;
  /** `payment.refunded` was written: the refund left nothing captured on the order. */
  orderRefunded: boolean;
}

/**
 * `refundPayment`: `amountCents` or, when null, everything still captured. The refund that leaves
 * nothing captured on the order tells orders, in its transaction (`payment.refunded`), so the
 * order ends REFUNDED; a partial refund leaves it as it is.
 */
export async function refundPayment({ db, events }: PaymentsDependencies, paymentId: string, amountCents: number | null, reason: string | null): Promise<RefundOutcome> {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new NotFoundError(`Payment ${paymentId}`);
    const refund = await applyRefund(tx, payment, planRefund(payment, amountCents), reason);
    const captured = await capturedOnOrder(tx, payment.orderId);
    if (captured.remainingCents > 0) return { refund, orderRefunded: false };
    await events.write(tx, [event('payment.refunded', { orderId: payment.orderId, paymentId, amountCents: captured.refundedCents, currency: payment.currency, reason })]);
    return { refund, orderRefunded: true };
  });
}
