import { randomUUID } from 'node:crypto';
import { errorCode } from '@bookstore/kit/testing';
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
});
