import { PaymentDeclinedError, UnreachableCaseError, type AppError } from '@bookstore/server-core';
import type { ChargeResult } from './processor.js';
import type { ReplayedErrorCode } from './types.js';

/**
 * The answer to a charge attempt, stored with its idempotency key so a retry gets the same
 * answer, even after a restart: the payment made, and the error reported with it, if any.
 */
export interface PayOutcome {
  paymentId: string;
  error: { code: ReplayedErrorCode; message: string } | null;
}

export function outcomeOfCharge(paymentId: string, result: ChargeResult): PayOutcome {
  return { paymentId, error: result.approved ? null : { code: 'PAYMENT_DECLINED', message: result.failureReason } };
}

/** The error to answer with, the first time and on every replay alike. */
export function outcomeError(error: NonNullable<PayOutcome['error']>): AppError {
  switch (error.code) {
    case 'PAYMENT_DECLINED':
      return new PaymentDeclinedError(error.message);
    default:
      throw new UnreachableCaseError(error.code);
  }
}
