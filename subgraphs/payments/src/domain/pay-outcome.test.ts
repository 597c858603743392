import { describe, expect, it } from 'vitest';
import { outcomeError, outcomeOfCharge } from './pay-outcome.js';

describe('pay outcomes', () => {
  it('record no error for an approved charge', () => {
    expect(outcomeOfCharge('p-1', { approved: true })).toEqual({ paymentId: 'p-1', error: null });
  });

  it('record a declined charge as PAYMENT_DECLINED with the processor reason, answered the same way every time', () => {
    const outcome = outcomeOfCharge('p-2', { approved: false, failureReason: 'The card has insufficient funds.' });
    expect(outcome).toEqual({ paymentId: 'p-2', error: { code: 'PAYMENT_DECLINED', message: 'The card has insufficient funds.' } });
    const error = outcomeError(outcome.error!);
    expect(error.extensions['code']).toBe('PAYMENT_DECLINED');
    expect(error.message).toBe('The card has insufficient funds.');
  });
});
