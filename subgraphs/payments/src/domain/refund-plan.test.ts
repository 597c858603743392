import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { cancellationRefundReason, parseRefundAmount, parseRefundReason, planRefund, type Refundable } from './refund-plan.js';

const payment: Refundable = { id: 'p-1', amountCents: 2999, refundedCents: 0, currency: 'USD', status: 'SUCCEEDED' };

describe('planRefund', () => {
  it('refunds everything left by default', () => {
    expect(planRefund(payment, null)).toEqual({ amountCents: 2999, refundedCents: 2999, status: 'REFUNDED' });
    expect(planRefund({ ...payment, refundedCents: 999, status: 'PARTIALLY_REFUNDED' }, null)).toEqual({ amountCents: 2000, refundedCents: 2999, status: 'REFUNDED' });
  });

  it('refunds part, then the rest, in integer cents', () => {
    const first = planRefund(payment, 1);
    expect(first).toEqual({ amountCents: 1, refundedCents: 1, status: 'PARTIALLY_REFUNDED' });
    const rest = planRefund({ ...payment, refundedCents: first.refundedCents, status: first.status }, 2998);
    expect(rest).toEqual({ amountCents: 2998, refundedCents: 2999, status: 'REFUNDED' });
  });

  it('adds up ten cent refunds exactly where floats would not', () => {
    let state: Refundable = { ...payment, amountCents: 100 };
    for (let i = 0; i < 10; i++) {
      const plan = planRefund(state, 10);
      state = { ...state, refundedCents: plan.refundedCents, status: plan.status };
    }
    expect(state).toMatchObject({ refundedCents: 100, status: 'REFUNDED' });
  });

  it('never refunds more than remains, naming the remainder', () => {
    const error = errorOf(() => planRefund({ ...payment, refundedCents: 2000, status: 'PARTIALLY_REFUNDED' }, 1000));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'amount' });
    expect(error['message']).toContain('9.99 USD');
  });

  it.each(['FAILED', 'PENDING', 'REFUNDED'] as const)('refuses a %s payment', (status) => {
    expect(errorOf(() => planRefund({ ...payment, status }, null))).toMatchObject({ code: 'CONFLICT', field: 'paymentId' });
  });

  it('refuses a payment with nothing left', () => {
    expect(errorOf(() => planRefund({ ...payment, amountCents: 0 }, null))).toMatchObject({ code: 'CONFLICT', field: 'paymentId' });
  });
});

describe('parseRefundAmount', () => {
  it('reads decimal amounts as cents, and nothing as "the rest"', () => {
    expect(parseRefundAmount('10.5')).toBe(1050);
    expect(parseRefundAmount('0.01')).toBe(1);
    expect(parseRefundAmount(null)).toBeNull();
    expect(parseRefundAmount(undefined)).toBeNull();
  });

  it.each(['0', '0.00', '-1.00', '1.005', 'ten', ''])('rejects %j', (amount) => {
    expect(errorOf(() => parseRefundAmount(amount))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
  });
});

describe('parseRefundReason', () => {
  it('trims, treats blank as none and allows 500 characters', () => {
    expect(parseRefundReason('  damaged  ')).toBe('damaged');
    expect(parseRefundReason('   ')).toBeNull();
    expect(parseRefundReason(null)).toBeNull();
    expect(parseRefundReason('r'.repeat(500))).toHaveLength(500);
  });

  it('rejects 501 characters', () => {
    expect(errorOf(() => parseRefundReason('r'.repeat(501)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});

describe('cancellationRefundReason', () => {
  it('carries the order reason when there is one', () => {
    expect(cancellationRefundReason('changed my mind')).toBe('Order cancelled: changed my mind');
    expect(cancellationRefundReason(null)).toBe('Order cancelled');
    expect(cancellationRefundReason(' ')).toBe('Order cancelled');
  });
});
