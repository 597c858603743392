import { describe, expect, it } from 'vitest';
import { orderAtChange, statusChangeOf } from './order-updates.js';

const change = {
  orderId: '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d',
  customerId: '0b7e8a4c-93c1-4d7e-8f6a-2b1c3d4e5f60',
  status: 'AWAITING_PAYMENT',
  previousStatus: 'PENDING',
  reason: null,
  at: '2026-01-31T12:00:00.000Z',
} as const;
const envelope = { id: 'e1', name: 'order.status_changed', payload: change, occurredAt: change.at, source: 'orders' };

describe('statusChangeOf', () => {
  it('reads the payload of an order.status_changed envelope', () => {
    expect(statusChangeOf(envelope)).toEqual(change);
  });

  it('ignores other events, malformed payloads and non-envelopes', () => {
    expect(statusChangeOf({ ...envelope, name: 'order.placed' })).toBeUndefined();
    expect(statusChangeOf({ ...envelope, payload: { ...change, status: 'LOST' } })).toBeUndefined();
    expect(statusChangeOf({ ...envelope, payload: { ...change, orderId: 'nope' } })).toBeUndefined();
    expect(statusChangeOf(null)).toBeUndefined();
    expect(statusChangeOf('order.status_changed')).toBeUndefined();
  });
});

describe('orderAtChange', () => {
  it("reports the change's status and time, and the order's other fields as they are now", () => {
    const now = { id: change.orderId, status: 'PAID' as const, updatedAt: new Date('2026-01-31T12:05:00.000Z'), totalCents: 3000 };
    expect(orderAtChange(now, change)).toEqual({ id: change.orderId, status: 'AWAITING_PAYMENT', updatedAt: new Date(change.at), totalCents: 3000 });
    expect(now.status).toBe('PAID');
  });
});
