import { randomUUID } from 'node:crypto';
import { MAX_ORDER_CENTS } from '@bookstore/events';
import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectError } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './domain/processor.js';
import { startPayments, type Caller, type PaymentsHarness } from './testing/harness.js';

const PAY = 'mutation($input: PayOrderInput!, $key: String!) { payOrder(input: $input, idempotencyKey: $key) { id status } }';
const REFUND = 'mutation($id: ID!, $amount: String, $reason: String) { refundPayment(paymentId: $id, amount: $amount, reason: $reason) { id amount { amount currency } reason createdAt } }';
const PAYMENT = 'query($id: ID!) { payment(id: $id) { status amount { amount } refunds { amount { amount currency } reason } } }';
const card = { number: TEST_CARDS.succeeds, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' };

let payments: PaymentsHarness;

beforeAll(async () => {
  payments = await startPayments('postgres');
});
afterAll(() => payments?.stop());

async function paidOrder(totalCents = 2999, currency = 'USD'): Promise<{ customer: Caller; orderId: string; paymentId: string }> {
  const customer = await payments.caller();
  const orderId = await payments.orderAwaitingPayment(customer, { totalCents, currency });
  const response = await payments.request(PAY, { input: { orderId, method: 'CREDIT_CARD', card }, key: randomUUID() }, customer);
  expect(response.data?.payOrder.status).toBe('SUCCEEDED');
  return { customer, orderId, paymentId: response.data?.payOrder.id };
}

/** As an ADMIN unless `caller` says otherwise; null is signed out. */
function refund(paymentId: string, args: { amount?: string; reason?: string } = {}, caller: Caller | null = payments.admin) {
  return payments.request(REFUND, { id: paymentId, ...args }, caller ?? undefined);
}

async function paymentView(paymentId: string) {
  return (await payments.request(PAYMENT, { id: paymentId }, payments.admin)).data?.payment;
}

/** The `payment.refunded` events payments relayed to orders about one order. */
function refundsRelayedFor(orderId: string) {
  return payments.relayedToOrders.filter((event) => event.name === 'payment.refunded' && (event.payload as { orderId: string }).orderId === orderId);
}


describe('refundPayment', () => {
  it('refunds part, then the rest by default', async () => {
    const { paymentId } = await paidOrder(2999, 'EUR');
    const part = await refund(paymentId, { amount: '10', reason: '  Damaged cover  ' });
    expect(part.errors).toBeUndefined();
    expect(part.data?.refundPayment).toMatchObject({ amount: { amount: '10.00', currency: 'EUR' }, reason: 'Damaged cover' });
    expect((await paymentView(paymentId)).status).toBe('PARTIALLY_REFUNDED');

    const rest = await refund(paymentId);
    expect(rest.data?.refundPayment).toMatchObject({ amount: { amount: '19.99', currency: 'EUR' }, reason: null });
    expect(await paymentView(paymentId)).toEqual({
      status: 'REFUNDED',
      amount: { amount: '29.99' },
      refunds: [
        { amount: { amount: '10.00', currency: 'EUR' }, reason: 'Damaged cover' },
        { amount: { amount: '19.99', currency: 'EUR' }, reason: null },
      ],
    });
  });

  it('tells orders when the refunds leave nothing captured on the order, once, and never for a partial refund', async () => {
    const { orderId, paymentId } = await paidOrder(2999);
    const aboutOrder = () => refundsRelayedFor(orderId);
    await refund(paymentId, { amount: '9.99', reason: 'scuffed' });
    // A sentinel full refund of another order, relayed after the partial one: by then the partial one would have been.
    const sentinel = await paidOrder(100);
    await refund(sentinel.paymentId);
    await expect.poll(() => refundsRelayedFor(sentinel.orderId)).toHaveLength(1);
    expect(aboutOrder()).toEqual([]);

    await refund(paymentId, { reason: 'lost in the post' });
    await expect.poll(aboutOrder).toHaveLength(1);
    expect(aboutOrder()[0]!.payload).toEqual({ orderId, paymentId, amountCents: 2999, currency: 'USD', reason: 'lost in the post' });
    // Nothing is left to refund, so nothing more can be announced.
    expect(errorCode(await refund(paymentId))).toBe('CONFLICT');
  });

  it('refuses more than remains, naming the remainder', async () => {
    const { paymentId } = await paidOrder(2999);
    await refund(paymentId, { amount: '10.00' });
    const tooMuch = await refund(paymentId, { amount: '20.00' });
    expectError(tooMuch, 'CONFLICT', { field: 'amount' });
    expect(tooMuch.errors?.[0]?.message).toContain('19.99 USD');
    expect((await paymentView(paymentId)).refunds).toHaveLength(1);
  });

  it('never refunds more than was captured, however many refunds run at once', async () => {
    const { paymentId } = await paidOrder(2999);
    const responses = await Promise.all(Array.from({ length: 10 }, () => refund(paymentId, { amount: '5.00' })));
    expect(responses.filter((r) => r.data?.refundPayment)).toHaveLength(5);
    expect(responses.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(5);
    const [row] = await queryRows<{ refunded_cents: number; status: string }>(payments.db, sql`select refunded_cents::integer as refunded_cents, status from payments.payments where id = ${paymentId}`);
    expect(row).toEqual({ refunded_cents: 2500, status: 'PARTIALLY_REFUNDED' });
  });

  it('takes, and refunds in parts, an order at the most one order may total', async () => {
    const { paymentId } = await paidOrder(MAX_ORDER_CENTS);
    expect(await paymentView(paymentId)).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '100000000.00' } });
    const part = await refund(paymentId, { amount: '99999999.99' });
    expect(part.errors).toBeUndefined();
    const rest = await refund(paymentId);
    expect(rest.data?.refundPayment.amount).toEqual({ amount: '0.01', currency: 'USD' });
    expect(await paymentView(paymentId)).toMatchObject({ status: 'REFUNDED' });
  });

  it('refuses failed and fully refunded payments', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    await payments.request(PAY, { input: { orderId, method: 'CREDIT_CARD', card: { ...card, number: TEST_CARDS.declined } }, key: randomUUID() }, customer);
    const [failed] = await queryRows<{ id: string }>(payments.db, sql`select id from payments.payments where order_id = ${orderId}`);
    expectError(await refund(failed!.id), 'CONFLICT', { field: 'paymentId' });

    const { paymentId } = await paidOrder();
    await refund(paymentId);
    expectError(await refund(paymentId, { amount: '0.01' }), 'CONFLICT', { field: 'paymentId' });
  });

  it('rejects bad arguments and unknown payments', async () => {
    const { paymentId } = await paidOrder();
    for (const amount of ['0', '0.00', '-1.00', '1.005', 'all', '100000000.01']) expectError(await refund(paymentId, { amount }), 'BAD_USER_INPUT', { field: 'amount' });
    expectError(await refund(paymentId, { reason: 'r'.repeat(501) }), 'BAD_USER_INPUT', { field: 'reason' });
    expectError(await refund('payment-1'), 'BAD_USER_INPUT', { field: 'paymentId' });
    expectError(await refund(randomUUID()), 'NOT_FOUND');
    expect((await paymentView(paymentId)).refunds).toEqual([]);
  });

  it('is for ADMINs only, not even the customer who paid', async () => {
    const { customer, paymentId } = await paidOrder();
    expectError(await refund(paymentId, {}, customer), 'FORBIDDEN');
    expectError(await refund(paymentId, {}, await payments.caller('LIBRARIAN')), 'FORBIDDEN');
    expectError(await refund(paymentId, {}, null), 'UNAUTHENTICATED');
    expect((await paymentView(paymentId)).status).toBe('SUCCEEDED');
  });
});

describe('order.cancelled', () => {
  it('refunds a paid order exactly once, even when the event is delivered twice or the order is cancelled again', async () => {
    const { customer, orderId, paymentId } = await paidOrder(4200);
    const cancelled = { orderId, customerId: customer.id, reason: 'changed my mind' };
    const event = await payments.publish('order.cancelled', cancelled);
    await payments.handled(event.id);
    // The same event again (a relay that crashed before marking it published), and a second cancellation.
    const redeliveryJob = randomUUID();
    await payments.publish('order.cancelled', cancelled, { eventId: event.id, jobId: redeliveryJob });
    const again = await payments.publish('order.cancelled', { ...cancelled, reason: 'really' });
    await payments.jobCompleted(redeliveryJob);
    await payments.handled(again.id);

    expect(await paymentView(paymentId)).toEqual({
      status: 'REFUNDED',
      amount: { amount: '42.00' },
      refunds: [{ amount: { amount: '42.00', currency: 'USD' }, reason: 'Order cancelled: changed my mind' }],
    });
    // The cancellation's own refund is no news to orders: the order has ended CANCELLED.
    expect(refundsRelayedFor(orderId)).toEqual([]);
    const late = await payments.request(PAY, { input: { orderId, method: 'PAYPAL' }, key: randomUUID() }, customer);
    expect(errorCode(late)).toBe('CONFLICT');
  });

  it('refunds only what an ADMIN has not refunded already', async () => {
    const { customer, orderId, paymentId } = await paidOrder(2999);
    await refund(paymentId, { amount: '10.00' });
    const event = await payments.publish('order.cancelled', { orderId, customerId: customer.id, reason: null });
    await payments.handled(event.id);
    expect(await paymentView(paymentId)).toMatchObject({
      status: 'REFUNDED',
      refunds: [{ amount: { amount: '10.00' } }, { amount: { amount: '19.99' }, reason: 'Order cancelled' }],
    });
  });

  it('refunds nothing for declined attempts', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    await payments.request(PAY, { input: { orderId, method: 'CREDIT_CARD', card: { ...card, number: TEST_CARDS.declined } }, key: randomUUID() }, customer);
    const event = await payments.publish('order.cancelled', { orderId, customerId: customer.id, reason: null });
    await payments.handled(event.id);
    expect(await queryRows(payments.db, sql`select r.id from payments.refunds r join payments.payments p on p.id = r.payment_id where p.order_id = ${orderId}`)).toEqual([]);
    expect(await queryRows(payments.db, sql`select status from payments.payments where order_id = ${orderId}`)).toEqual([{ status: 'FAILED' }]);
  });

  it('keeps an order cancelled when the cancellation overtakes order.awaiting_payment', async () => {
    const customer = await payments.caller();
    const orderId = randomUUID();
    const cancel = await payments.publish('order.cancelled', { orderId, customerId: customer.id, reason: 'payment window expired' });
    await payments.handled(cancel.id);
    const awaiting = await payments.publish('order.awaiting_payment', { orderId, customerId: customer.id, totalCents: 1000, currency: 'USD' });
    await payments.handled(awaiting.id);

    expect(await queryRows(payments.db, sql`select state, amount_cents from payments.payable_orders where order_id = ${orderId}`)).toEqual([{ state: 'CANCELLED', amount_cents: null }]);
    const response = await payments.request(PAY, { input: { orderId, method: 'BANK_TRANSFER' }, key: randomUUID() }, customer);
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.message).toMatch(/cancelled/);
  });
});
