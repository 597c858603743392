import { BadUserInputError, ConflictError } from '@bookstore/server-core';
import { formatCents, MAX_ORDER_CENTS, parseAmountToCents } from '@bookstore/events';
import type { PaymentStatus } from './types.js';

/** The parts of a payment a refund is decided from; amounts in integer cents. */
export interface Refundable {
  id: string;
  amountCents: number;
  refundedCents: number;
  currency: string;
  status: PaymentStatus;
}

export interface RefundPlan {
  /** This refund. */
  amountCents: number;
  /** The payment's refunded total once this refund is made. */
  refundedCents: number;
  status: 'REFUNDED' | 'PARTIALLY_REFUNDED';
}

const REASON_MAX_CHARS = 500;

/**
 * A refund of `requestedCents`, or of everything still captured when null. Never more than the
 * amount captured minus what was refunded already; only captured payments can be refunded.
 */
export function planRefund(payment: Refundable, requestedCents: number | null): RefundPlan {
  if (payment.status !== 'SUCCEEDED' && payment.status !== 'PARTIALLY_REFUNDED') {
    throw new ConflictError(`Payment ${payment.id} is ${payment.status}; only SUCCEEDED or PARTIALLY_REFUNDED payments can be refunded.`, 'paymentId');
  }
  const remainingCents = payment.amountCents - payment.refundedCents;
  if (remainingCents === 0) throw new ConflictError(`Payment ${payment.id} has nothing left to refund.`, 'paymentId');
  const amountCents = requestedCents ?? remainingCents;
  if (amountCents > remainingCents) {
    const remaining = `${formatCents(remainingCents)} ${payment.currency}`;
    throw new ConflictError(`amount is more than can still be refunded on payment ${payment.id}: at most ${remaining}.`, 'amount');
  }
  const refundedCents = payment.refundedCents + amountCents;
  return { amountCents, refundedCents, status: refundedCents === payment.amountCents ? 'REFUNDED' : 'PARTIALLY_REFUNDED' };
}

/**
 * `refundPayment(amount)`: a decimal string above zero and at most the most one order may total
 * (no payment is larger), or null for "everything left".
 */
export function parseRefundAmount(amount: string | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  const cents = parseAmountToCents(amount, 'amount', MAX_ORDER_CENTS);
  if (cents === 0) throw new BadUserInputError('amount must be greater than 0.', 'amount');
  return cents;
}

/** `refundPayment(reason)`: trimmed, at most 500 characters; blank means none. */
export function parseRefundReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '') return null;
  if ([...trimmed].length > REASON_MAX_CHARS) throw new BadUserInputError(`reason must be at most ${REASON_MAX_CHARS} characters.`, 'reason');
  return trimmed;
}

/** The reason recorded on the refunds a cancelled order gets. */
export function cancellationRefundReason(orderReason: string | null): string {
  const given = orderReason?.trim();
  return given ? `Order cancelled: ${given}` : 'Order cancelled';
}
