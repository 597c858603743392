import { randomUUID } from 'node:crypto';
import { errorCode } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './domain/processor.js';
import { startPayments, type PaymentsHarness } from './testing/harness.js';

// Card testing (many numbers tried through one account) is cut off by a per-account limit,
// counted in Redis so every payments replica shares it.
const PAY = 'mutation($input: PayOrderInput!, $key: String!) { payOrder(input: $input, idempotencyKey: $key) { status } }';
let payments: PaymentsHarness;

beforeAll(async () => {
  payments = await startPayments('postgres', { rateLimited: true });
});
afterAll(() => payments?.stop());

describe('payOrder rate limit', () => {
  it('answers RATE_LIMITED with a retry-after once an account has tried 60 payments in a minute', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer, { totalCents: 1000, currency: 'USD' });
    const declined = { orderId, method: 'CREDIT_CARD', card: { number: TEST_CARDS.declined, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' } };
    for (let i = 0; i < 60; i++) expect(errorCode(await payments.request(PAY, { input: declined, key: randomUUID() }, customer))).toBe('PAYMENT_DECLINED');
    const blocked = await payments.request(PAY, { input: declined, key: randomUUID() }, customer);
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    const someoneElse = await payments.caller();
    const theirs = await payments.orderAwaitingPayment(someoneElse, { totalCents: 500, currency: 'USD' });
    const ok = await payments.request(PAY, { input: { orderId: theirs, method: 'PAYPAL' }, key: randomUUID() }, someoneElse);
    expect(ok.data?.payOrder.status).toBe('SUCCEEDED');
  });

  it('refuses an operation whose payOrders would cross the limit as a whole, so none of them pays', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer, { totalCents: 1000, currency: 'USD' });
    const other = await payments.orderAwaitingPayment(customer, { totalCents: 700, currency: 'USD' });
    const declined = { orderId, method: 'CREDIT_CARD', card: { number: TEST_CARDS.declined, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' } };
    for (let i = 0; i < 59; i++) expect(errorCode(await payments.request(PAY, { input: declined, key: randomUUID() }, customer))).toBe('PAYMENT_DECLINED');
    // One attempt is left: an operation with two payOrders is refused before either runs.
    const two = await payments.request(
      'mutation($a: PayOrderInput!, $b: PayOrderInput!, $ka: String!, $kb: String!) { a: payOrder(input: $a, idempotencyKey: $ka) { status } b: payOrder(input: $b, idempotencyKey: $kb) { status } }',
      { a: { orderId, method: 'PAYPAL' }, b: { orderId: other, method: 'PAYPAL' }, ka: randomUUID(), kb: randomUUID() },
      customer,
    );
    expect(two.data ?? null).toBeNull();
    expect(two.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
    const paid = await payments.request('query($id: ID!) { _entities(representations: [{ __typename: "Order", id: $id }]) { ... on Order { payments { status } } } }', { id: orderId }, customer);
    expect(JSON.stringify(paid.data)).not.toContain('SUCCEEDED');
  });
});
