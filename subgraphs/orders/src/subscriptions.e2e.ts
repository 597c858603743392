import { randomUUID } from 'node:crypto';
import type { TestSubscription } from '@bookstore/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderInput, placeOrder, readOrder, reserveStock, type PlacedOrder } from './testing/documents.js';
import { startOrders, type Caller, type OrdersHarness, type TargetKind } from './testing/harness.js';
import { and, isNull, lte, sql } from 'drizzle-orm';
import { outboxTable } from './db/schema.js';

// The Subscription fields over the real graphql-ws client, as the router subscribes its primary
// fetch: `__typename` and `id` plus the fields the client asked for.
const ORDER_EVENT = '__typename id status updatedAt total { amount currency } history { status at }';
const MY_ORDER_UPDATES = `subscription { myOrderUpdates { ${ORDER_EVENT} } }`;
const ORDER_UPDATED = `subscription($orderId: ID!) { orderUpdated(orderId: $orderId) { ${ORDER_EVENT} } }`;

interface OrderEvent {
  __typename: 'Order';
  id: string;
  status: string;
  updatedAt: string;
  total: { amount: string; currency: string } | null;
  history: { status: string; at: string }[];
}
type MyOrderUpdates = TestSubscription<{ myOrderUpdates: OrderEvent }>;
type OrderUpdated = TestSubscription<{ orderUpdated: OrderEvent }>;

const statuses = (sub: MyOrderUpdates) => sub.results.map((result) => result.data?.myOrderUpdates.status);

async function pay(orders: OrdersHarness, order: PlacedOrder): Promise<void> {
  await orders.deliver('payment.succeeded', { orderId: order.id, paymentId: randomUUID(), amountCents: 3000, currency: 'USD' });
  await expect.poll(() => orders.statusOf(order.id)).toBe('PAID');
}

/**
 * Waits until the relay has published every due event written so far (not the payment window's): a subscriber that
 * joins afterwards then hears only what happens next (pub/sub keeps nothing for late joiners).
 */
async function relayed(orders: OrdersHarness): Promise<void> {
  await expect.poll(async () => (await orders.db.select({ id: outboxTable.id }).from(outboxTable).where(and(isNull(outboxTable.publishedAt), lte(outboxTable.deliverAt, sql`now()`)))).length).toBe(0);
}

/**
 * Subscribes before the order exists, then drives it to PAID as the catalog and payments would:
 * the subscriber sees each change once, in order, at that change, with the reserved total.
 */
async function followsAnOrderToPaid(orders: OrdersHarness): Promise<void> {
  const customer = await orders.customer();
  const sub: MyOrderUpdates = orders.ws(customer.token).subscribe(MY_ORDER_UPDATES);
  // Subscribed (on the channel) before anything happens: nothing can be missed.
  await expect.poll(() => orders.pubsub.listeners).toBe(1);

  const placed = await placeOrder(orders, customer, orderInput(2, 1));
  await reserveStock(orders, placed, 1000);
  await expect.poll(() => orders.statusOf(placed.id)).toBe('AWAITING_PAYMENT');
  await pay(orders, placed);

  await expect.poll(() => statuses(sub)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
  const paid = await readOrder(orders, placed.id, customer);
  const events = sub.results.map((result) => {
    expect(result.errors).toBeUndefined();
    return result.data!.myOrderUpdates;
  });
  expect(events.map(({ __typename, id }) => ({ __typename, id }))).toEqual(Array(3).fill({ __typename: 'Order', id: placed.id }));
  // Each event's time is its change's, as the history records it.
  expect(events.map((event) => event.updatedAt)).toEqual(paid.history.map((change) => change.at));
  expect(events.at(-1)).toMatchObject({ total: { amount: '30.00', currency: 'USD' }, history: paid.history.map(({ status, at }) => ({ status, at })) });
  sub.unsubscribe();
  await expect.poll(() => orders.pubsub.listeners).toBe(0);
}

describe('order subscriptions on postgres with Redis pub/sub', () => {
  let orders: OrdersHarness;
  let customer: Caller;
  let stranger: Caller;

  beforeAll(async () => {
    orders = await startOrders({ kind: 'postgres' });
    customer = await orders.customer();
    stranger = await orders.customer();
  });
  afterAll(() => orders?.stop());
  // Whatever a test left subscribed goes, so one failure cannot leak into the next test's counts.
  afterEach(async () => {
    await orders.closeSockets();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);
  });

  it('streams every order of the signed-in customer, PENDING to PAID, one event per change', () => followsAnOrderToPaid(orders));

  it("reports each change's own status even when the order has moved on, and skips unknown orders", async () => {
    const placed = await placeOrder(orders, customer);
    await reserveStock(orders, placed, 1000);
    await expect.poll(() => orders.statusOf(placed.id)).toBe('AWAITING_PAYMENT');
    await pay(orders, placed);
    await relayed(orders);
    const sub: MyOrderUpdates = orders.ws(customer.token).subscribe(MY_ORDER_UPDATES);
    await expect.poll(() => orders.pubsub.listeners).toBe(1);

    // A burst, read when the order is already PAID; one change names an order that does not exist.
    const change = { orderId: placed.id, customerId: customer.id, reason: null };
    await orders.announce({ ...change, orderId: randomUUID(), status: 'PENDING', previousStatus: null, at: '2026-01-31T12:00:00.000Z' });
    await orders.announce({ ...change, status: 'PENDING', previousStatus: null, at: '2026-01-31T12:00:01.000Z' });
    await orders.announce({ ...change, status: 'AWAITING_PAYMENT', previousStatus: 'PENDING', at: '2026-01-31T12:00:02.000Z' });
    await orders.announce({ ...change, status: 'PAID', previousStatus: 'AWAITING_PAYMENT', at: '2026-01-31T12:00:03.000Z' });

    await expect.poll(() => statuses(sub)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
    expect(sub.results.map((result) => result.data?.myOrderUpdates.updatedAt)).toEqual(['2026-01-31T12:00:01.000Z', '2026-01-31T12:00:02.000Z', '2026-01-31T12:00:03.000Z']);
    // The rest of the order is as it is now.
    expect(sub.results.map((result) => result.data?.myOrderUpdates.total)).toEqual(Array(3).fill({ amount: '10.00', currency: 'USD' }));
    sub.unsubscribe();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);
  });

  it('streams one order to its customer and to any ADMIN, and nothing of other orders', async () => {
    const placed = await placeOrder(orders, customer);
    const other = await placeOrder(orders, customer);
    await relayed(orders);
    const own: OrderUpdated = orders.ws(customer.token).subscribe(ORDER_UPDATED, { orderId: placed.id });
    const admin: OrderUpdated = orders.ws(orders.admin.token).subscribe(ORDER_UPDATED, { orderId: placed.id.toUpperCase() });
    await expect.poll(() => orders.pubsub.listeners).toBe(2);

    // The other order changes first, so its event is on the channel ahead of this one's.
    await reserveStock(orders, other, 1000);
    await expect.poll(() => orders.statusOf(other.id)).toBe('AWAITING_PAYMENT');
    await reserveStock(orders, placed, 1000);
    await expect.poll(() => orders.statusOf(placed.id)).toBe('AWAITING_PAYMENT');
    for (const sub of [own, admin]) {
      await expect.poll(() => sub.results.map((result) => result.data?.orderUpdated.status)).toEqual(['AWAITING_PAYMENT']);
      expect(sub.results[0]).toEqual({ data: { orderUpdated: expect.objectContaining({ id: placed.id, total: { amount: '10.00', currency: 'USD' } }) } });
    }
    own.unsubscribe();
    admin.unsubscribe();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);
  });

  it("refuses another customer's order with FORBIDDEN before any event, and never sends one", async () => {
    const placed = await placeOrder(orders, customer);
    await relayed(orders);
    const spy: OrderUpdated = orders.ws(stranger.token).subscribe(ORDER_UPDATED, { orderId: placed.id });
    const owner: OrderUpdated = orders.ws(customer.token).subscribe(ORDER_UPDATED, { orderId: placed.id });

    // The refusal is the operation's one result, then it completes: it never reached the channel.
    expect(await spy.ended).toEqual({ kind: 'completed' });
    expect(spy.results).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }]);
    await expect.poll(() => orders.pubsub.listeners).toBe(1);

    await reserveStock(orders, placed, 1000);
    await expect.poll(() => owner.results.map((result) => result.data?.orderUpdated.status)).toEqual(['AWAITING_PAYMENT']);
    expect(spy.results).toHaveLength(1);
    owner.unsubscribe();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);
  });

  it('refuses before subscribing: anonymous UNAUTHENTICATED, malformed id BAD_USER_INPUT, unknown order NOT_FOUND', async () => {
    const anonymous = orders.ws();
    const signedIn = orders.ws(customer.token);
    const cases: [TestSubscription<unknown>, string][] = [
      [anonymous.subscribe(MY_ORDER_UPDATES), 'UNAUTHENTICATED'],
      [anonymous.subscribe(ORDER_UPDATED, { orderId: randomUUID() }), 'UNAUTHENTICATED'],
      [signedIn.subscribe(ORDER_UPDATED, { orderId: 'order-1' }), 'BAD_USER_INPUT'],
      [signedIn.subscribe(ORDER_UPDATED, { orderId: randomUUID() }), 'NOT_FOUND'],
    ];
    for (const [sub, code] of cases) {
      expect(await sub.ended).toEqual({ kind: 'completed' });
      expect(sub.results).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code }) })] }]);
    }
    expect(cases[2]![0].results[0]?.errors?.[0]?.message).toMatch(/orderId/);
    expect(orders.pubsub.listeners).toBe(0);
  });

  it('closes a connection whose token is invalid with 4403 before any operation', async () => {
    const client = orders.ws('not.a.token');
    const sub = client.subscribe(MY_ORDER_UPDATES);
    expect(await sub.ended).toMatchObject({ kind: 'closed', code: 4403 });
    expect(sub.results).toEqual([]);
    expect(orders.pubsub.listeners).toBe(0);
  });

  it('unsubscribes from pub/sub when the client completes, and when it disconnects', async () => {
    const placed = await placeOrder(orders, customer);
    await relayed(orders);
    const completing = orders.ws(customer.token);
    const subs = [completing.subscribe(MY_ORDER_UPDATES), completing.subscribe(ORDER_UPDATED, { orderId: placed.id })];
    const leaving = orders.ws(customer.token);
    leaving.subscribe(MY_ORDER_UPDATES);
    await expect.poll(() => orders.pubsub.listeners).toBe(3);

    for (const sub of subs) sub.unsubscribe();
    await expect.poll(() => orders.pubsub.listeners).toBe(1);
    await leaving.dispose();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);

    // A later change reaches a new subscriber, and none of the old ones.
    const witness: OrderUpdated = orders.ws(customer.token).subscribe(ORDER_UPDATED, { orderId: placed.id });
    await expect.poll(() => orders.pubsub.listeners).toBe(1);
    await reserveStock(orders, placed, 1000);
    await expect.poll(() => witness.results.length).toBe(1);
    expect(subs.map((sub) => sub.results)).toEqual([[], []]);
    witness.unsubscribe();
    await expect.poll(() => orders.pubsub.listeners).toBe(0);
  });
});

// Embedded mode: PGlite and in-process pub/sub serve the same subscription.
describe.each<TargetKind>(['pglite'])('order subscriptions on %s with in-process pub/sub', (kind) => {
  let orders: OrdersHarness;
  beforeAll(async () => {
    orders = await startOrders({ kind });
  });
  afterAll(() => orders?.stop());

  it('streams every order of the signed-in customer, PENDING to PAID, one event per change', () => followsAnOrderToPaid(orders));
});
