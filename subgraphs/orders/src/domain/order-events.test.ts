import { describe, expect, it } from 'vitest';
import { eventsOfStatusChange, type OrderSnapshot } from './order-events.js';
import { ORDER_STATUSES } from './order-status.js';

const order: OrderSnapshot = {
  id: '11111111-1111-4111-8111-111111111111',
  customerId: '22222222-2222-4222-8222-222222222222',
  items: [
    { bookId: '33333333-3333-4333-8333-333333333333', quantity: 2 },
    { bookId: '44444444-4444-4444-8444-444444444444', quantity: 1 },
  ],
  totalCents: 2500,
  currency: 'USD',
};
const at = new Date('2026-03-01T12:00:00.000Z');
const WINDOW = 900;

describe('eventsOfStatusChange', () => {
  it('announces every status change with the previous status, the reason and the time', () => {
    for (const to of ORDER_STATUSES) {
      const events = eventsOfStatusChange(order, { from: 'PAID', to, reason: 'why', at }, WINDOW);
      expect(events.filter((e) => e.name === 'order.status_changed')).toEqual([
        { name: 'order.status_changed', payload: { orderId: order.id, customerId: order.customerId, status: to, previousStatus: 'PAID', reason: 'why', at: '2026-03-01T12:00:00.000Z' } },
      ]);
    }
  });

  it('asks the catalog to reserve the lines of a placed order', () => {
    const events = eventsOfStatusChange({ ...order, totalCents: null, currency: null }, { from: null, to: 'PENDING', reason: null, at }, WINDOW);
    expect(events.map((e) => e.name)).toEqual(['order.placed', 'order.status_changed']);
    expect(events[0]?.payload).toEqual({ orderId: order.id, customerId: order.customerId, items: order.items });
    expect(events[1]?.payload).toMatchObject({ previousStatus: null });
  });

  it('asks payments for the total, and sets the payment window clock', () => {
    const events = eventsOfStatusChange(order, { from: 'PENDING', to: 'AWAITING_PAYMENT', reason: null, at }, WINDOW);
    expect(events).toEqual([
      { name: 'order.awaiting_payment', payload: { orderId: order.id, customerId: order.customerId, totalCents: 2500, currency: 'USD' } },
      expect.objectContaining({ name: 'order.status_changed' }),
      { name: 'order.payment_window_expired', payload: { orderId: order.id }, deliverAt: new Date('2026-03-01T12:15:00.000Z') },
    ]);
  });

  it('refuses to await payment without a total', () => {
    expect(() => eventsOfStatusChange({ ...order, totalCents: null, currency: null }, { from: 'PENDING', to: 'AWAITING_PAYMENT', reason: null, at }, WINDOW)).toThrow(/without a total/);
  });

  it('tells the catalog and payments about a cancellation, with its reason', () => {
    const [cancelled] = eventsOfStatusChange(order, { from: 'PAID', to: 'CANCELLED', reason: 'changed my mind', at }, WINDOW);
    expect(cancelled).toEqual({ name: 'order.cancelled', payload: { orderId: order.id, customerId: order.customerId, reason: 'changed my mind' } });
  });

  it('tells reviews which books were delivered', () => {
    const [delivered] = eventsOfStatusChange(order, { from: 'SHIPPED', to: 'DELIVERED', reason: null, at }, WINDOW);
    expect(delivered).toEqual({ name: 'order.delivered', payload: { orderId: order.id, customerId: order.customerId, bookIds: order.items.map((line) => line.bookId) } });
  });

  it('tells the catalog about a full refund, and whether the books had shipped (so it keeps the stock)', () => {
    const [refunded] = eventsOfStatusChange(order, { from: 'PAID', to: 'REFUNDED', reason: 'damaged', at }, WINDOW);
    expect(refunded).toEqual({ name: 'order.refunded', payload: { orderId: order.id, customerId: order.customerId, shipped: false } });
    for (const from of ['SHIPPED', 'DELIVERED'] as const) {
      expect(eventsOfStatusChange(order, { from, to: 'REFUNDED', reason: null, at }, WINDOW)[0]?.payload).toMatchObject({ shipped: true });
    }
  });

  it.each(['PAID', 'SHIPPED', 'REJECTED'] as const)('only announces %s', (to) => {
    expect(eventsOfStatusChange(order, { from: 'PENDING', to, reason: null, at }, WINDOW).map((e) => e.name)).toEqual(['order.status_changed']);
  });
});
