import { event } from '@bookstore/events';
import { amountDue } from '../domain/payable.js';
import { outcomeError, outcomeOfCharge, type PayOutcome } from '../domain/pay-outcome.js';
import type { PayRequest } from '../domain/pay-request.js';
import { charge } from '../domain/processor.js';
import { claimIdempotencyKey, storedOutcome, storeOutcome } from '../db/idempotency-keys.js';
import { lockPayableOrder, markPaid } from '../db/payable-orders.js';
import { insertPayment, paymentsByIds, type PaymentRow } from '../db/payments.js';
import type { PaymentsDependencies } from '../deps.js';

interface Attempt {
  outcome: PayOutcome;
  payment: PaymentRow;
}

/**
 * `payOrder`, with Stripe's idempotency semantics: the key is claimed first, in the transaction
 * that charges, so of any number of concurrent calls with one key exactly one charges and the
 * rest answer with its stored outcome. A declined charge commits its FAILED payment and the
 * outcome, then answers PAYMENT_DECLINED; a rule that stops the attempt before charging (unknown
 * order, already paid) rolls the claim back, so the key can be used again once that changes.
 */
export async function payOrder({ events }: PaymentsDependencies, customerId: string, request: PayRequest): Promise<PaymentRow> {
  const attempt = await events.transaction(async (tx, emit): Promise<Attempt> => {
    if (!(await claimIdempotencyKey(tx, customerId, request))) {
      const outcome = await storedOutcome(tx, customerId, request);
      const [payment] = await paymentsByIds(tx, [outcome.paymentId]);
      // The key's foreign key keeps its payment.
      return { outcome, payment: payment! };
    }
    const due = amountDue(await lockPayableOrder(tx, request.orderId), request.orderId, customerId);
    const result = charge(request.instrument);
    const payment = await insertPayment(tx, {
      orderId: request.orderId,
      customerId,
      amountCents: due.amountCents,
      currency: due.currency,
      method: request.instrument.method,
      status: result.approved ? 'SUCCEEDED' : 'FAILED',
      failureReason: result.approved ? null : result.failureReason,
      cardLast4: 'card' in request.instrument ? request.instrument.card.last4 : null,
    });
    // A declined attempt leaves the order AWAITING: the customer may try again with a new key.
    if (result.approved) {
      await markPaid(tx, request.orderId);
      await emit(event('payment.succeeded', { orderId: request.orderId, paymentId: payment.id, amountCents: due.amountCents, currency: due.currency }));
    }
    const outcome = outcomeOfCharge(payment.id, result);
    await storeOutcome(tx, customerId, request.idempotencyKey, outcome);
    return { outcome, payment };
  });
  if (attempt.outcome.error) throw outcomeError(attempt.outcome.error);
  return attempt.payment;
}
