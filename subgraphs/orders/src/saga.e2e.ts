import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@bookstore/events';
import type { Job } from '@bookstore/subgraph-runtime';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxTable } from './db/schema.js';
import { advanceTo, CANCEL_ORDER, orderInput, placeOrder, readOrder, reserveStock, UPDATE_ORDER_STATUS } from './testing/documents.js';
import { startOrders, type OrdersHarness, type TargetKind } from './testing/harness.js';

/** The event envelopes on a queue, or a channel, that concern one order. */
function about(orderId: string, envelopes: EventEnvelope[]): EventEnvelope[] {
  return envelopes.filter((envelope) => (envelope.payload as { orderId: string }).orderId === orderId);
}

function envelopes(jobs: Job[]): EventEnvelope[] {
  return jobs.map((job) => job.data as EventEnvelope);
}

// Services mode (PostgreSQL, bullmq on Redis) and embedded mode (PGlite, in-process queue) run the same saga.
describe.each<TargetKind>(['postgres', 'pglite'])('the order saga on %s', (kind) => {
  let orders: OrdersHarness;
  let catalogQueue: Job[];
  let paymentsQueue: Job[];
  const statusChannel: EventEnvelope[] = [];

  beforeAll(async () => {
    orders = await startOrders({ kind });
    catalogQueue = orders.watchQueue('catalog');
    paymentsQueue = orders.watchQueue('payments');
    await orders.messaging.pubsub.subscribe('order.status_changed', (message) => statusChannel.push(message as EventEnvelope));
  });
  afterAll(() => orders?.stop());

  it('places a PENDING order and asks the catalog to reserve its lines', async () => {
    const customer = await orders.customer();
    const input = orderInput(2, 1);
    const order = await placeOrder(orders, customer, input);
    expect(order).toMatchObject({ status: 'PENDING', total: null, customer: { id: customer.id }, history: [{ status: 'PENDING', reason: null, at: order.createdAt }] });
    expect(order.items).toEqual(input.items.map((item) => ({ book: { id: item.bookId }, quantity: item.quantity, unitPrice: null })));

    // Written with the order, in its transaction.
    const written = await orders.outbox(order.id);
    expect(written.map((event) => event.name).sort()).toEqual(['order.placed', 'order.status_changed']);

    await expect.poll(() => envelopes(catalogQueue).filter((event) => event.name === 'order.placed' && (event.payload as { orderId?: string }).orderId === order.id)).toHaveLength(1);
    expect(about(order.id, envelopes(catalogQueue))[0]).toMatchObject({ source: 'orders', payload: { orderId: order.id, customerId: customer.id, items: input.items } });
    await expect.poll(() => about(order.id, statusChannel)).toHaveLength(1);
    expect(about(order.id, statusChannel)[0]?.payload).toMatchObject({ status: 'PENDING', previousStatus: null, reason: null });
  });

  it('fixes the total from the catalog prices, asks payments for it, and is PAID once paid', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer, orderInput(2, 1));
    const [first, second] = order.items;
    await orders.deliver('stock.reserved', {
      orderId: order.id,
      items: [
        { bookId: second!.book.id, quantity: 1, unitPriceCents: 500, currency: 'USD' },
        { bookId: first!.book.id, quantity: 2, unitPriceCents: 1299, currency: 'USD' },
      ],
    });
    await expect.poll(() => orders.statusOf(order.id)).toBe('AWAITING_PAYMENT');

    const reserved = await readOrder(orders, order.id, customer);
    expect(reserved.total).toEqual({ amount: '30.98', currency: 'USD' });
    expect(reserved.items.map((item) => item.unitPrice)).toEqual([
      { amount: '12.99', currency: 'USD' },
      { amount: '5.00', currency: 'USD' },
    ]);
    expect(reserved.history.map((change) => change.status)).toEqual(['PENDING', 'AWAITING_PAYMENT']);
    expect(reserved.updatedAt).toBe(reserved.history[1]?.at);
    expect(order.paymentDueAt).toBeNull();
    // The storefront counts down to the window's end: the moment the delayed expiry below is due.
    expect(reserved.paymentDueAt).toBe(new Date(Date.parse(reserved.updatedAt) + 900_000).toISOString());

    await expect.poll(() => about(order.id, envelopes(paymentsQueue))).toHaveLength(1);
    expect(about(order.id, envelopes(paymentsQueue))[0]).toMatchObject({
      name: 'order.awaiting_payment',
      payload: { orderId: order.id, customerId: customer.id, totalCents: 3098, currency: 'USD' },
    });
    // The payment window's end waits in the outbox, due when the window closes.
    const expiry = (await orders.outbox(order.id)).find((event) => event.name === 'order.payment_window_expired');
    expect(expiry?.publishedAt).toBeNull();
    expect(expiry?.deliverAt.getTime()).toBe(Date.parse(reserved.updatedAt) + 900_000);

    await orders.deliver('payment.succeeded', { orderId: order.id, paymentId: randomUUID(), amountCents: 3098, currency: 'USD' });
    await expect.poll(() => orders.statusOf(order.id)).toBe('PAID');
    const paid = await readOrder(orders, order.id, customer);
    expect(paid.history.map((change) => change.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
    expect(paid.total).toEqual(reserved.total);
    expect(paid.paymentDueAt).toBeNull();

    await expect.poll(() => about(order.id, statusChannel).map((event) => event.payload)).toEqual([
      expect.objectContaining({ status: 'PENDING', previousStatus: null }),
      expect.objectContaining({ status: 'AWAITING_PAYMENT', previousStatus: 'PENDING' }),
      expect.objectContaining({ status: 'PAID', previousStatus: 'AWAITING_PAYMENT' }),
    ]);
  });

  it('rejects the order with the catalog reason when the stock cannot be reserved', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await orders.deliver('stock.rejected', { orderId: order.id, reason: 'out of stock', bookId: order.items[0]!.book.id });
    await expect.poll(() => orders.statusOf(order.id)).toBe('REJECTED');
    const rejected = await readOrder(orders, order.id, customer);
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'out of stock', total: null });
    expect(rejected.history.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: 'PENDING', reason: null },
      { status: 'REJECTED', reason: 'out of stock' },
    ]);
    await expect.poll(() => about(order.id, statusChannel).at(-1)?.payload).toMatchObject({ status: 'REJECTED', reason: 'out of stock' });
  });

  it('gives a redelivered event no second effect', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    const payload = { orderId: order.id, items: order.items.map((item) => ({ bookId: item.book.id, quantity: item.quantity, unitPriceCents: 1000, currency: 'USD' })) };
    const eventId = await orders.deliver('stock.reserved', payload);
    // The same event again, at once, under other job ids (as after a relay crash or a replay at start)...
    const redeliveries = [randomUUID(), randomUUID()];
    await Promise.all(redeliveries.map((jobId) => orders.deliver('stock.reserved', payload, { eventId, jobId })));
    // ...and under its own job id, which the queue itself drops.
    await orders.deliver('stock.reserved', payload, { eventId });

    await expect.poll(() => [eventId, ...redeliveries].every((jobId) => orders.finishedJobs.has(jobId))).toBe(true);
    const reserved = await readOrder(orders, order.id, customer);
    expect(reserved.history.map((change) => change.status)).toEqual(['PENDING', 'AWAITING_PAYMENT']);
    expect(reserved.total).toEqual({ amount: '10.00', currency: 'USD' });
    const written = (await orders.outbox(order.id)).map((event) => event.name);
    expect(written.filter((name) => name === 'order.awaiting_payment')).toHaveLength(1);
    expect(await orders.db.select().from(inboxTable).where(eq(inboxTable.eventId, eventId))).toHaveLength(1);
  });

  it('leaves an order cancelled while its stock was being reserved cancelled', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    const cancelled = await orders.request(CANCEL_ORDER, { id: order.id, reason: 'found it cheaper' }, customer);
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    const late = await reserveStock(orders, order);
    await expect.poll(() => orders.finishedJobs.has(late)).toBe(true);
    expect(await orders.statusOf(order.id)).toBe('CANCELLED');
    expect((await orders.outbox(order.id)).map((event) => event.name)).not.toContain('order.awaiting_payment');
    // The catalog learns of the cancellation, and releases whatever it reserved.
    await expect.poll(() => about(order.id, envelopes(catalogQueue)).map((event) => event.name)).toEqual(['order.placed', 'order.cancelled']);
  });
});

describe.each<TargetKind>(['postgres', 'pglite'])('the payment window on %s', (kind) => {
  let orders: OrdersHarness;
  let catalogQueue: Job[];
  let paymentsQueue: Job[];

  beforeAll(async () => {
    orders = await startOrders({ kind, paymentWindowSeconds: 1 });
    catalogQueue = orders.watchQueue('catalog');
    paymentsQueue = orders.watchQueue('payments');
  });
  afterAll(() => orders?.stop());

  it('cancels an unpaid order when it closes, and tells the catalog and payments', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await reserveStock(orders, order);
    await expect.poll(() => orders.statusOf(order.id), { timeout: 10_000 }).toBe('CANCELLED');

    const cancelled = await readOrder(orders, order.id, customer);
    expect(cancelled.history.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: 'PENDING', reason: null },
      { status: 'AWAITING_PAYMENT', reason: null },
      { status: 'CANCELLED', reason: 'payment window expired' },
    ]);
    const cancellation = { name: 'order.cancelled', payload: { orderId: order.id, customerId: customer.id, reason: 'payment window expired' } };
    await expect.poll(() => about(order.id, envelopes(catalogQueue)).at(-1)).toMatchObject(cancellation);
    await expect.poll(() => about(order.id, envelopes(paymentsQueue)).at(-1)).toMatchObject(cancellation);

    // A payment arriving after that changes nothing: payments refunds it on order.cancelled.
    const late = await orders.deliver('payment.succeeded', { orderId: order.id, paymentId: randomUUID(), amountCents: 1000, currency: 'USD' });
    await expect.poll(() => orders.finishedJobs.has(late)).toBe(true);
    expect(await orders.statusOf(order.id)).toBe('CANCELLED');
  });

  it('leaves an order paid in time alone when its window closes', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await reserveStock(orders, order);
    await expect.poll(() => orders.statusOf(order.id)).toBe('AWAITING_PAYMENT');
    await orders.deliver('payment.succeeded', { orderId: order.id, paymentId: randomUUID(), amountCents: 1000, currency: 'USD' });
    await expect.poll(() => orders.statusOf(order.id)).toBe('PAID');

    // The expiry is still relayed (job id = event id) and handled, to no effect.
    const expiry = (await orders.outbox(order.id)).find((event) => event.name === 'order.payment_window_expired');
    await expect.poll(() => orders.finishedJobs.has(expiry!.id), { timeout: 10_000 }).toBe(true);
    expect(await orders.statusOf(order.id)).toBe('PAID');
    expect((await orders.outbox(order.id)).map((event) => event.name)).not.toContain('order.cancelled');
  });
});

describe.each<TargetKind>(['postgres', 'pglite'])('a full refund on %s', (kind) => {
  let orders: OrdersHarness;
  let catalogQueue: Job[];
  const statusChannel: EventEnvelope[] = [];

  beforeAll(async () => {
    orders = await startOrders({ kind });
    catalogQueue = orders.watchQueue('catalog');
    await orders.messaging.pubsub.subscribe('order.status_changed', (message) => statusChannel.push(message as EventEnvelope));
  });
  afterAll(() => orders?.stop());

  const refunded = (orderId: string, reason: string | null = 'damaged in the warehouse') =>
    orders.deliver('payment.refunded', { orderId, paymentId: randomUUID(), amountCents: 1000, currency: 'USD', reason });

  it('ends a PAID order as REFUNDED, tells the catalog to release its stock, and it can no longer ship', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await advanceTo(orders, order, 'PAID');
    await refunded(order.id);
    await expect.poll(() => orders.statusOf(order.id)).toBe('REFUNDED');

    const read = await readOrder(orders, order.id, customer);
    expect(read.history.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: 'PENDING', reason: null },
      { status: 'AWAITING_PAYMENT', reason: null },
      { status: 'PAID', reason: null },
      { status: 'REFUNDED', reason: 'damaged in the warehouse' },
    ]);
    await expect.poll(() => about(order.id, statusChannel).at(-1)?.payload).toMatchObject({ status: 'REFUNDED', previousStatus: 'PAID', reason: 'damaged in the warehouse' });
    await expect.poll(() => about(order.id, envelopes(catalogQueue)).at(-1)).toMatchObject({ name: 'order.refunded', payload: { orderId: order.id, customerId: customer.id, shipped: false } });

    for (const status of ['SHIPPED', 'DELIVERED']) {
      const response = await orders.request(UPDATE_ORDER_STATUS, { id: order.id, status }, orders.admin);
      expect(response.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
      expect(response.errors?.[0]?.message).toContain(`from REFUNDED to ${status}`);
    }
    const cancel = await orders.request(CANCEL_ORDER, { id: order.id }, customer);
    expect(cancel.errors?.[0]?.message).toContain('is REFUNDED');
    expect(await orders.statusOf(order.id)).toBe('REFUNDED');
  });

  it('ends a shipped order as REFUNDED too, but the catalog keeps its stock: the books have left', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await advanceTo(orders, order, 'SHIPPED');
    await refunded(order.id, null);
    await expect.poll(() => orders.statusOf(order.id)).toBe('REFUNDED');
    expect((await readOrder(orders, order.id, customer)).history.at(-1)).toMatchObject({ status: 'REFUNDED', reason: null });
    await expect.poll(() => about(order.id, envelopes(catalogQueue)).at(-1)).toMatchObject({ name: 'order.refunded', payload: { shipped: true } });
  });

  it('leaves a cancelled order CANCELLED: the cancellation made its own refund', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    await advanceTo(orders, order, 'PAID');
    expect((await orders.request(CANCEL_ORDER, { id: order.id }, customer)).errors).toBeUndefined();
    const late = await refunded(order.id);
    await expect.poll(() => orders.finishedJobs.has(late)).toBe(true);
    expect(await orders.statusOf(order.id)).toBe('CANCELLED');
    expect((await orders.outbox(order.id)).map((event) => event.name)).not.toContain('order.refunded');
  });
});
