import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { amountDue, type PayableOrder } from './payable.js';

const ORDER_ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const CUSTOMER_ID = '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d';
const order: PayableOrder = { orderId: ORDER_ID, customerId: CUSTOMER_ID, amountCents: 2999, currency: 'EUR', state: 'AWAITING' };

describe('amountDue', () => {
  it('is the order amount, for its customer, while it awaits payment', () => {
    expect(amountDue(order, ORDER_ID, CUSTOMER_ID)).toEqual({ amountCents: 2999, currency: 'EUR' });
  });

  it('is NOT_FOUND for an unknown order and for another customer', () => {
    expect(errorOf(() => amountDue(undefined, ORDER_ID, CUSTOMER_ID))).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(() => amountDue(order, ORDER_ID, '7f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is a CONFLICT once paid or cancelled', () => {
    expect(errorOf(() => amountDue({ ...order, state: 'PAID' }, ORDER_ID, CUSTOMER_ID))).toMatchObject({ code: 'CONFLICT', field: 'input.orderId', message: expect.stringMatching(/already paid/) });
    expect(errorOf(() => amountDue({ ...order, state: 'CANCELLED', amountCents: null, currency: null }, ORDER_ID, CUSTOMER_ID))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cancelled/),
    });
  });
});
