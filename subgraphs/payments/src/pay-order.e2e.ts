import { randomUUID } from 'node:crypto';
import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectError } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './domain/processor.js';
import { startPayments, type Caller, type PaymentsHarness } from './testing/harness.js';

const PAY = `mutation($input: PayOrderInput!, $key: String!) {
  payOrder(input: $input, idempotencyKey: $key) { id order { id } amount { amount currency } method status failureReason cardLast4 refunds { id } createdAt }
}`;
const POLL = { timeout: 10_000, interval: 20 };
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

const card = (number: string = TEST_CARDS.succeeds) => ({ number, expMonth: 12, expYear: NEXT_YEAR, cvc: '123' });
const byCard = (orderId: string, number?: string) => ({ orderId, method: 'CREDIT_CARD', card: card(number) });

let payments: PaymentsHarness;

beforeAll(async () => {
  payments = await startPayments('postgres');
});
afterAll(() => payments?.stop());

function pay(caller: Caller | undefined, input: Record<string, unknown>, key: string = randomUUID()) {
  return payments.request(PAY, { input, key }, caller);
}


async function paymentsOf(orderId: string) {
  return queryRows<{ id: string; status: string; failure_reason: string | null; card_last4: string | null }>(
    payments.db,
    sql`select id, status, failure_reason, card_last4 from payments.payments where order_id = ${orderId} order by created_at`,
  );
}

async function count(table: 'payments' | 'idempotency_keys' | 'outbox', where: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ count: number }>(payments.db, sql`select count(*)::int as count from ${sql.identifier('payments')}.${sql.identifier(table)} where ${where}`);
  return row!.count;
}

const payableState = async (orderId: string) =>
  (await queryRows<{ state: string }>(payments.db, sql`select state from payments.payable_orders where order_id = ${orderId}`))[0]?.state;

describe('payOrder', () => {
  it('charges the order amount, stores only the last four digits, and tells orders', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer, { totalCents: 4550, currency: 'EUR' });
    const response = await pay(customer, { orderId, method: 'CREDIT_CARD', card: { ...card(), number: '4242 4242-4242 4242' } });
    expect(response.errors).toBeUndefined();
    const payment = response.data?.payOrder;
    expect(payment).toMatchObject({
      order: { id: orderId },
      amount: { amount: '45.50', currency: 'EUR' },
      method: 'CREDIT_CARD',
      status: 'SUCCEEDED',
      failureReason: null,
      cardLast4: '4242',
      refunds: [],
    });
    expect(await payableState(orderId)).toBe('PAID');

    // Nothing the subgraph stored holds the card number.
    const stored = await queryRows<{ row: string }>(
      payments.db,
      sql`select row_to_json(p)::text as row from payments.payments p where order_id = ${orderId}
          union all select row_to_json(k)::text from payments.idempotency_keys k where customer_id = ${customer.id}
          union all select row_to_json(o)::text from payments.outbox o where payload->>'orderId' = ${orderId}`,
    );
    expect(stored).toHaveLength(3);
    for (const { row } of stored) expect(row).not.toMatch(/4242[\s-]?4242[\s-]?4242[\s-]?4242/);

    await expect.poll(() => payments.relayedToOrders.filter((e) => (e.payload as { orderId?: string }).orderId === orderId), POLL).toEqual([
      expect.objectContaining({ name: 'payment.succeeded', source: 'payments', payload: { orderId, paymentId: payment.id, amountCents: 4550, currency: 'EUR' } }),
    ]);
    // The relay marks the row published when its transaction commits, just after queueing the job.
    await expect.poll(() => count('outbox', sql`payload->>'orderId' = ${orderId} and published_at is not null`), POLL).toBe(1);
  });

  it('approves any other Luhn-valid card, by debit card too', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const response = await pay(customer, { orderId, method: 'DEBIT_CARD', card: card('5555555555554444') });
    expect(response.data?.payOrder).toMatchObject({ method: 'DEBIT_CARD', status: 'SUCCEEDED', cardLast4: '4444', amount: { amount: '29.99', currency: 'USD' } });
  });

  it.each(['PAYPAL', 'BANK_TRANSFER'])('approves %s without a card', async (method) => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const response = await pay(customer, { orderId, method });
    expect(response.data?.payOrder).toMatchObject({ method, status: 'SUCCEEDED', cardLast4: null });
  });

  it('declines 4000000000000002: keeps a FAILED payment and leaves the order payable', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const declined = await pay(customer, byCard(orderId, TEST_CARDS.declined));
    expectError(declined, 'PAYMENT_DECLINED');
    expect(declined.errors?.[0]?.message).toBe('The card was declined.');
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'FAILED', failure_reason: 'The card was declined.', card_last4: '0002' })]);
    expect(await payableState(orderId)).toBe('AWAITING');
    expect(await count('outbox', sql`payload->>'orderId' = ${orderId}`)).toBe(0);

    // The customer tries again with another card and a new key.
    const retried = await pay(customer, byCard(orderId));
    expect(retried.data?.payOrder.status).toBe('SUCCEEDED');
    expect((await paymentsOf(orderId)).map((p) => p.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('fails 4000000000009995 for insufficient funds', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const response = await pay(customer, { orderId, method: 'DEBIT_CARD', card: card(TEST_CARDS.insufficientFunds) });
    expectError(response, 'PAYMENT_DECLINED');
    expect(response.errors?.[0]?.message).toMatch(/insufficient funds/);
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({ status: 'FAILED', failure_reason: 'The card has insufficient funds.', card_last4: '9995' })]);
    expect(await payableState(orderId)).toBe('AWAITING');
  });

  describe('rejects bad input, naming the field and storing nothing', () => {
    it.each<[string, (orderId: string) => Record<string, unknown>, string, string?]>([
      ['an empty idempotency key', (id) => byCard(id), 'idempotencyKey', ''],
      ['a 256-character idempotency key', (id) => byCard(id), 'idempotencyKey', 'k'.repeat(256)],
      ['a malformed order id', () => byCard('order-1'), 'input.orderId'],
      ['a credit card payment without a card', (id) => ({ orderId: id, method: 'CREDIT_CARD' }), 'input.card'],
      ['a debit card payment without a card', (id) => ({ orderId: id, method: 'DEBIT_CARD', card: null }), 'input.card'],
      ['a PayPal payment with a card', (id) => ({ orderId: id, method: 'PAYPAL', card: card() }), 'input.card'],
      ['a bank transfer with a card', (id) => ({ orderId: id, method: 'BANK_TRANSFER', card: card() }), 'input.card'],
      ['an 11-digit card number', (id) => byCard(id, '42424242424'), 'input.card.number'],
      ['a 20-digit card number', (id) => byCard(id, '42424242424242424242'), 'input.card.number'],
      ['a card number failing the Luhn check', (id) => byCard(id, '4242424242424241'), 'input.card.number'],
      ['expiry month 0', (id) => ({ ...byCard(id), card: { ...card(), expMonth: 0 } }), 'input.card.expMonth'],
      ['expiry month 13', (id) => ({ ...byCard(id), card: { ...card(), expMonth: 13 } }), 'input.card.expMonth'],
      ['an expired card', (id) => ({ ...byCard(id), card: { ...card(), expYear: NEXT_YEAR - 2 } }), 'input.card.expYear'],
      ['a 2-digit cvc', (id) => ({ ...byCard(id), card: { ...card(), cvc: '12' } }), 'input.card.cvc'],
      ['a 5-digit cvc', (id) => ({ ...byCard(id), card: { ...card(), cvc: '12345' } }), 'input.card.cvc'],
    ])('%s', async (_case, input, field, key = randomUUID()) => {
      const customer = await payments.caller();
      const orderId = await payments.orderAwaitingPayment(customer);
      const response = await pay(customer, input(orderId), key);
      expectError(response, 'BAD_USER_INPUT', { field: field });
      expect(response.errors?.[0]?.message).toContain(field);
      expect(await count('payments', sql`customer_id = ${customer.id}`)).toBe(0);
      expect(await count('idempotency_keys', sql`customer_id = ${customer.id}`)).toBe(0);
      expect(await payableState(orderId)).toBe('AWAITING');
    });
  });

  it('needs a signed-in caller', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    expectError(await pay(undefined, byCard(orderId)), 'UNAUTHENTICATED');
  });

  it("answers NOT_FOUND for an order payments never heard of, and for another customer's order, even to an ADMIN", async () => {
    const owner = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(owner);
    expectError(await pay(owner, byCard(randomUUID())), 'NOT_FOUND');
    expectError(await pay(await payments.caller(), byCard(orderId)), 'NOT_FOUND');
    expectError(await pay(payments.admin, byCard(orderId)), 'NOT_FOUND');
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(0);
    expect(await payableState(orderId)).toBe('AWAITING');
  });

  it('answers CONFLICT for an order already paid or cancelled', async () => {
    const customer = await payments.caller();
    const paid = await payments.orderAwaitingPayment(customer);
    expect((await pay(customer, { orderId: paid, method: 'PAYPAL' })).data?.payOrder.status).toBe('SUCCEEDED');
    const again = await pay(customer, byCard(paid));
    expectError(again, 'CONFLICT', { field: 'input.orderId' });
    expect(again.errors?.[0]?.message).toMatch(/already paid/);

    const cancelled = await payments.orderAwaitingPayment(customer);
    const event = await payments.publish('order.cancelled', { orderId: cancelled, customerId: customer.id, reason: null });
    await payments.handled(event.id);
    const late = await pay(customer, byCard(cancelled));
    expectError(late, 'CONFLICT', { field: 'input.orderId' });
    expect(late.errors?.[0]?.message).toMatch(/cancelled/);
    expect(await count('payments', sql`order_id = ${cancelled}`)).toBe(0);
  });

  it('keeps no outcome for an attempt stopped before charging, so the key works once the order is payable', async () => {
    const customer = await payments.caller();
    const orderId = randomUUID();
    const key = randomUUID();
    expectError(await pay(customer, byCard(orderId), key), 'NOT_FOUND');
    await payments.orderAwaitingPayment(customer, { orderId });
    expect((await pay(customer, byCard(orderId), key)).data?.payOrder.status).toBe('SUCCEEDED');
  });
});

describe('payOrder idempotency', () => {
  it('answers a retry with the same key and input with the first payment, however the card was typed', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const key = randomUUID();
    const first = await pay(customer, byCard(orderId), key);
    const retry = await pay(customer, { ...byCard(orderId), card: { ...card(), number: '4242 4242 4242 4242' } }, key);
    expect(first.data?.payOrder.status).toBe('SUCCEEDED');
    expect(retry.data).toEqual(first.data);
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(1);
    expect(await count('outbox', sql`payload->>'orderId' = ${orderId}`)).toBe(1);
  });

  it('answers a retry of a declined attempt with the same PAYMENT_DECLINED, charging nothing more', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const key = randomUUID();
    const first = await pay(customer, byCard(orderId, TEST_CARDS.insufficientFunds), key);
    const retry = await pay(customer, byCard(orderId, TEST_CARDS.insufficientFunds), key);
    expectError(first, 'PAYMENT_DECLINED');
    expect(retry.errors).toEqual(first.errors);
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(1);
  });

  it('answers CONFLICT when the key comes back with different input, and scopes keys per customer', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const otherOrder = await payments.orderAwaitingPayment(customer);
    const key = randomUUID();
    expect((await pay(customer, byCard(orderId), key)).data?.payOrder.status).toBe('SUCCEEDED');
    for (const input of [byCard(orderId, '5555555555554444'), { ...byCard(orderId), card: { ...card(), cvc: '999' } }, { orderId, method: 'PAYPAL' }, byCard(otherOrder)]) {
      expectError(await pay(customer, input, key), 'CONFLICT', { field: 'idempotencyKey' });
    }
    // Another customer's identical key is a different key.
    const someoneElse = await payments.caller();
    const theirOrder = await payments.orderAwaitingPayment(someoneElse);
    expect((await pay(someoneElse, byCard(theirOrder), key)).data?.payOrder.status).toBe('SUCCEEDED');
  });

  it('charges exactly once for 20 concurrent calls with one key, which all get the same answer', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => pay(customer, byCard(orderId), key)));
    expect(responses[0]?.errors).toBeUndefined();
    for (const response of responses) expect(response.data).toEqual(responses[0]?.data);
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(1);
    expect(await count('idempotency_keys', sql`customer_id = ${customer.id}`)).toBe(1);
    expect(await count('outbox', sql`payload->>'orderId' = ${orderId}`)).toBe(1);
  });

  it('lets one of 20 concurrent calls with different keys pay the order; the rest find it paid', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const responses = await Promise.all(Array.from({ length: 20 }, () => pay(customer, byCard(orderId))));
    expect(responses.filter((r) => r.data?.payOrder?.status === 'SUCCEEDED')).toHaveLength(1);
    expect(responses.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(19);
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(1);
  });

  it('answers with the first result after a restart', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const paidKey = randomUUID();
    const declinedKey = randomUUID();
    const declined = await pay(customer, byCard(orderId, TEST_CARDS.declined), declinedKey);
    const paid = await pay(customer, byCard(orderId), paidKey);
    await payments.restart();
    expect(await pay(customer, byCard(orderId), paidKey)).toMatchObject({ data: paid.data });
    expect((await pay(customer, byCard(orderId, TEST_CARDS.declined), declinedKey)).errors).toEqual(declined.errors);
    expect(await count('payments', sql`order_id = ${orderId}`)).toBe(2);
  });
});

describe('logs', () => {
  it('never hold a card number', () => {
    expect(payments.logs.length).toBeGreaterThan(0);
    const logged = payments.logs.join('');
    for (const number of [...Object.values(TEST_CARDS), '5555555555554444']) expect(logged).not.toContain(number);
  });
});
