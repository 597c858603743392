import { describe, expect, it } from 'vitest';
import { MAX_LINE_QUANTITY, MAX_ORDER_CENTS, MAX_PRICE_CENTS } from './money.js';
import { eventSchemas } from './catalogue.js';

const orderId = '00000000-0000-4000-8000-000000000001';
const bookId = '00000000-0000-4000-8000-000000000002';

describe('the event catalogue', () => {
  it('bounds cents as the API does: a price, a quantity, an order total', () => {
    const line = { bookId, quantity: MAX_LINE_QUANTITY, unitPriceCents: MAX_PRICE_CENTS, currency: 'USD' };
    expect(eventSchemas['stock.reserved'].safeParse({ orderId, items: [line] }).success).toBe(true);
    expect(eventSchemas['stock.reserved'].safeParse({ orderId, items: [{ ...line, unitPriceCents: MAX_PRICE_CENTS + 1 }] }).success).toBe(false);
    expect(eventSchemas['stock.reserved'].safeParse({ orderId, items: [{ ...line, quantity: MAX_LINE_QUANTITY + 1 }] }).success).toBe(false);

    const due = { orderId, customerId: orderId, totalCents: MAX_ORDER_CENTS, currency: 'USD' };
    expect(eventSchemas['order.awaiting_payment'].safeParse(due).success).toBe(true);
    expect(eventSchemas['order.awaiting_payment'].safeParse({ ...due, totalCents: MAX_ORDER_CENTS + 1 }).success).toBe(false);
    const paid = { orderId, paymentId: orderId, amountCents: MAX_ORDER_CENTS + 1, currency: 'USD' };
    expect(eventSchemas['payment.succeeded'].safeParse(paid).success).toBe(false);
  });
});
