import { randomUUID } from 'node:crypto';
import { describeContractOnBothStacks, errorCode } from '@bookstore/testing';
import { expect, it } from 'vitest';
import { TEST_CARDS } from './domain/processor.js';
import { startPayments } from './testing/harness.js';

const PAY = 'mutation($input: PayOrderInput!, $key: String!) { payOrder(input: $input, idempotencyKey: $key) { id status amount { amount currency } cardLast4 } }';
const PAYMENT = 'query($id: ID!) { payment(id: $id) { status refunds { amount { amount } reason } } }';
const POLL = { timeout: 10_000, interval: 20 };
const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' });

// Services mode (PostgreSQL, bullmq on Redis) and embedded mode (PGlite, in-process queues) run
// the same saga: the embedded adapters must behave the same for the same schema and migrations.
describeContractOnBothStacks('payments', (kind) => startPayments(kind), (payments, probes) => {
  it('takes a payment for an order the events announced, once per key, and tells orders', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer, { totalCents: 1250, currency: 'GBP' });
    const declined = await payments.request(PAY, { input: { orderId, method: 'CREDIT_CARD', card: card(TEST_CARDS.declined) }, key: randomUUID() }, customer);
    expect(errorCode(declined)).toBe('PAYMENT_DECLINED');

    const key = randomUUID();
    const input = { orderId, method: 'CREDIT_CARD', card: card(TEST_CARDS.succeeds) };
    const [first, second] = await Promise.all([payments.request(PAY, { input, key }, customer), payments.request(PAY, { input, key }, customer)]);
    expect(first.data?.payOrder).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '12.50', currency: 'GBP' }, cardLast4: '4242' });
    expect(second.data).toEqual(first.data);
    const paymentId = first.data?.payOrder.id;
    probes.push({ representation: { __typename: 'Payment', id: paymentId }, expect: ['status', 'SUCCEEDED'] });

    await expect
      .poll(() => payments.relayedToOrders.filter((e) => (e.payload as { orderId?: string }).orderId === orderId), POLL)
      .toEqual([expect.objectContaining({ name: 'payment.succeeded', payload: { orderId, paymentId, amountCents: 1250, currency: 'GBP' } })]);
  });

  it('refunds part on request and the rest when the order is cancelled', async () => {
    const customer = await payments.caller();
    const orderId = await payments.orderAwaitingPayment(customer);
    const paid = await payments.request(PAY, { input: { orderId, method: 'PAYPAL' }, key: randomUUID() }, customer);
    const paymentId = paid.data?.payOrder.id;
    const refunded = await payments.request('mutation($id: ID!) { refundPayment(paymentId: $id, amount: "9.99") { amount { amount } } }', { id: paymentId }, payments.admin);
    expect(refunded.data?.refundPayment.amount.amount).toBe('9.99');

    const cancelled = await payments.publish('order.cancelled', { orderId, customerId: customer.id, reason: null });
    await payments.handled(cancelled.id);
    const { data } = await payments.request(PAYMENT, { id: paymentId }, customer);
    expect(data?.payment).toEqual({
      status: 'REFUNDED',
      refunds: [
        { amount: { amount: '9.99' }, reason: null },
        { amount: { amount: '20.00' }, reason: 'Order cancelled' },
      ],
    });
  });
});
