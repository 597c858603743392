import { describe, expect, it } from 'vitest';
import { ADDRESS_CHANGEABLE_STATUSES, adminActionFor, nextStatus, ORDER_STATUSES, statusesAllowing, type OrderAction, type OrderStatus } from './order-status.js';

/** Every allowed change, written out once more by hand: the table must match it exactly. */
const ALLOWED: [OrderStatus, OrderAction, OrderStatus][] = [
  ['PENDING', 'reserveStock', 'AWAITING_PAYMENT'],
  ['PENDING', 'rejectStock', 'REJECTED'],
  ['AWAITING_PAYMENT', 'confirmPayment', 'PAID'],
  ['AWAITING_PAYMENT', 'expirePaymentWindow', 'CANCELLED'],
  ['PENDING', 'cancel', 'CANCELLED'],
  ['AWAITING_PAYMENT', 'cancel', 'CANCELLED'],
  ['PAID', 'cancel', 'CANCELLED'],
  ['PAID', 'ship', 'SHIPPED'],
  ['SHIPPED', 'deliver', 'DELIVERED'],
  ['PAID', 'refund', 'REFUNDED'],
  ['SHIPPED', 'refund', 'REFUNDED'],
  ['DELIVERED', 'refund', 'REFUNDED'],
];
const ACTIONS: OrderAction[] = ['reserveStock', 'rejectStock', 'confirmPayment', 'expirePaymentWindow', 'cancel', 'ship', 'deliver', 'refund'];

describe('nextStatus', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other pair of status and action', () => {
    const allowed = new Set(ALLOWED.map(([from, action]) => `${from}:${action}`));
    for (const from of ORDER_STATUSES) {
      for (const action of ACTIONS) {
        if (!allowed.has(`${from}:${action}`)) expect(nextStatus(from, action), `${from}:${action}`).toBeNull();
      }
    }
  });

  it('lets nothing leave REFUNDED, CANCELLED or REJECTED, and only a full refund leave DELIVERED', () => {
    for (const from of ['REFUNDED', 'CANCELLED', 'REJECTED'] as const) {
      expect(ACTIONS.map((action) => nextStatus(from, action))).toEqual(ACTIONS.map(() => null));
    }
    expect(ACTIONS.filter((action) => nextStatus('DELIVERED', action) !== null)).toEqual(['refund']);
  });

  it('never turns a cancelled order, whose own refund is the cancellation, into a refunded one', () => {
    expect(nextStatus('CANCELLED', 'refund')).toBeNull();
    expect(nextStatus('REFUNDED', 'ship')).toBeNull();
    expect(nextStatus('REFUNDED', 'deliver')).toBeNull();
  });

  it('lets nobody cancel a shipped order', () => {
    expect(nextStatus('SHIPPED', 'cancel')).toBeNull();
    expect(statusesAllowing('cancel')).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
  });
});

describe('ADDRESS_CHANGEABLE_STATUSES', () => {
  it('are the statuses of an order that has not shipped and still may: the ones a customer may cancel', () => {
    expect(ADDRESS_CHANGEABLE_STATUSES).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
    expect(ADDRESS_CHANGEABLE_STATUSES).toEqual(statusesAllowing('cancel'));
  });
});

describe('adminActionFor', () => {
  it('maps SHIPPED and DELIVERED to fulfilment, every other status to nothing', () => {
    expect(Object.fromEntries(ORDER_STATUSES.map((status) => [status, adminActionFor(status)]))).toEqual({
      PENDING: null,
      AWAITING_PAYMENT: null,
      PAID: null,
      SHIPPED: 'ship',
      DELIVERED: 'deliver',
      CANCELLED: null,
      REJECTED: null,
      REFUNDED: null,
    });
  });

  it('throws for a value outside the enum', () => {
    expect(() => adminActionFor('LOST' as OrderStatus)).toThrow(/Unreachable/);
  });
});
