import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { createTestDatabase, errorCode, gql, testConfig, untilBooksKnown, type TestDatabase } from '@bookstore/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// The order saga end to end through the router, on both stacks: PostgreSQL + bullmq/Redis
// (services mode's adapters) and PGlite + in-process jobs (embedded mode).
type Stack = 'postgres+redis' | 'pglite+in-process';
const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'gb' };
const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
const ORDER_FIELDS = 'id status total { amount currency } rejectionReason items { quantity unitPrice { amount } book { id title } }';

describe.each<Stack>(['postgres+redis', 'pglite+in-process'])('the order saga on %s', (stack) => {
  let app: Embedded;
  let database: TestDatabase | undefined;
  let dataDir: string;
  let customer: string;
  let librarian: string;
  let admin: string;

  const call = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await gql(app.routerUrl, query, variables, token ? { token } : {});
    return res;
  };
  const login = async (account: { username: string; password: string }) =>
    (await call('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } })).data!.login.accessToken as string;
  const createBook = async (stock: number, price: string) => {
    const res = await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: `Saga ${randomUUID().slice(0, 8)}`, authorNames: ['Test Author'], price, stock } }, librarian);
    expect(res.errors).toBeUndefined();
    return res.data!.createBook.id as string;
  };
  const stockOf = async (bookId: string) => (await call('query($id: ID!) { book(id: $id) { stock } }', { id: bookId })).data!.book.stock as number;
  // Orders learns a new book from its book.changed event, a moment after createBook answers.
  const placeOrder = (items: { bookId: string; quantity: number }[], token = customer) =>
    untilBooksKnown(() => call(`mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { ${ORDER_FIELDS} } }`, { i: { items, shippingAddress: ADDRESS } }, token));
  const order = async (id: string, token = customer) => (await call(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} payments { id status } } }`, { id }, token)).data!.order;
  const settled = (status: string) => !['PENDING'].includes(status);
  const payOrder = (orderId: string, key: string, card = CARD) =>
    call('mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { id status amount { amount currency } cardLast4 } }', { i: { orderId, method: 'CREDIT_CARD', card }, k: key }, customer);
  /** An order of `quantity` copies of a new book, driven through the reservation and the payment to PAID. */
  const paidOrder = async (stock: number, price: string, quantity: number) => {
    const bookId = await createBook(stock, price);
    const placed = (await placeOrder([{ bookId, quantity }])).data!.placeOrder;
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('AWAITING_PAYMENT');
    const key = `pay-${randomUUID()}`;
    await expect.poll(async () => (await payOrder(placed.id, key)).data?.payOrder?.status, { timeout: 15_000 }).toBe('SUCCEEDED');
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('PAID');
    return { bookId, placed: placed as { id: string } };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'saga-'));
    const env: Record<string, string> = { ...freePorts(), DATA_DIR: dataDir,
      // This test polls 50 orders at a time from one address: far above a person's rate.
      REQUESTS_PER_MINUTE: '1000000' };
    if (stack === 'postgres+redis') {
      database = await createTestDatabase('saga');
      Object.assign(env, { DATABASE_URL: database.url, REDIS_URL: testConfig.redisUrl, QUEUE_PREFIX: `test-saga-${randomUUID()}` });
    }
    app = await startEmbedded(loadConfig(env), createLogger('saga-test', 'silent'));
    const account = (role: string) => app.demoAccounts.find((a) => a.role === role)!;
    [librarian, admin] = await Promise.all([login(account('LIBRARIAN')), login(account('ADMIN'))]);
    const registered = await call('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: `saga-${randomUUID().slice(0, 8)}@example.com`, username: `saga_${randomUUID().slice(0, 8)}`, password: 'a long saga passphrase 99' },
    });
    customer = registered.data!.register.accessToken;
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('50 concurrent orders for a book with stock 10: 10 await payment, 40 are rejected, stock 0', async () => {
    const bookId = await createBook(10, '7.50');
    const placed = await Promise.all(Array.from({ length: 50 }, () => placeOrder([{ bookId, quantity: 1 }])));
    expect(placed.map((r) => r.errors)).toEqual(Array(50).fill(undefined));
    expect(new Set(placed.map((r) => r.data!.placeOrder.status))).toEqual(new Set(['PENDING']));
    const ids = placed.map((r) => r.data!.placeOrder.id as string);
    const statuses = async () => (await Promise.all(ids.map((id) => order(id)))).map((o) => o.status as string);
    await expect.poll(async () => (await statuses()).every(settled), { timeout: 30_000, interval: 200 }).toBe(true);
    const final = await statuses();
    expect(final.filter((s) => s === 'AWAITING_PAYMENT')).toHaveLength(10);
    expect(final.filter((s) => s === 'REJECTED')).toHaveLength(40);
    expect(await stockOf(bookId)).toBe(0);
    const rejected = await order(ids[final.indexOf('REJECTED')]!);
    expect(rejected.rejectionReason).toMatch(/^OUT_OF_STOCK: ".*" has 0 in stock; 1 requested\.$/);
    const accepted = await order(ids[final.indexOf('AWAITING_PAYMENT')]!);
    expect(accepted.total).toEqual({ amount: '7.50', currency: 'USD' });
  });

  it('20 concurrent payOrder calls with one key: one charge, 20 identical answers, order PAID', async () => {
    const bookId = await createBook(5, '12.25');
    const placed = (await placeOrder([{ bookId, quantity: 2 }])).data!.placeOrder;
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('AWAITING_PAYMENT');
    // payments learns the amount from an event: until then it answers NOT_FOUND. The first card is
    // declined (stored as a FAILED payment), which shows the order reached payments.
    const declined = { ...CARD, number: '4000000000000002' };
    await expect.poll(async () => errorCode(await payOrder(placed.id, `declined-${randomUUID()}`, declined)), { timeout: 15_000 }).toBe('PAYMENT_DECLINED');
    const key = `pay-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => payOrder(placed.id, key)));
    expect(answers[0]!.errors).toBeUndefined();
    expect(answers.map((a) => JSON.stringify(a.data))).toEqual(Array(20).fill(JSON.stringify(answers[0]!.data)));
    expect(answers[0]!.data!.payOrder).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '24.50', currency: 'USD' }, cardLast4: '4242' });
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('PAID');
    const statuses = (await order(placed.id)).payments.map((p: { status: string }) => p.status).sort();
    expect(statuses).toEqual(['FAILED', 'SUCCEEDED']);
    expect(await stockOf(bookId)).toBe(3);
  });

  it('cancel after payment refunds exactly once and releases the stock exactly once', async () => {
    const { bookId, placed } = await paidOrder(4, '10.00', 3);
    expect(await stockOf(bookId)).toBe(1);

    const cancelled = await call('mutation($id: ID!) { cancelOrder(id: $id, reason: "changed my mind") { status } }', { id: placed.id }, customer);
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    const refunds = async () =>
      (await call('query($id: ID!) { order(id: $id) { payments { status refunds { amount { amount } } } } }', { id: placed.id }, customer)).data!.order.payments[0];
    await expect.poll(refunds, { timeout: 15_000 }).toMatchObject({ status: 'REFUNDED', refunds: [{ amount: { amount: '30.00' } }] });
    await expect.poll(() => stockOf(bookId), { timeout: 15_000 }).toBe(4);
    // A second cancel is refused, so nothing can be released or refunded twice.
    const again = await call('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: placed.id }, customer);
    expect(errorCode(again)).toBe('CONFLICT');
    expect((await refunds()).refunds).toHaveLength(1);
    expect(await stockOf(bookId)).toBe(4);
  });

  it('a full refund ends a paid order REFUNDED, releasing its stock; partial refunds leave it PAID; it can no longer ship', async () => {
    const { bookId, placed } = await paidOrder(6, '8.00', 2);
    const paymentId = (await order(placed.id)).payments[0].id as string;
    expect(await stockOf(bookId)).toBe(4);

    const refund = (amount?: string) =>
      call('mutation($p: ID!, $a: String, $r: String) { refundPayment(paymentId: $p, amount: $a, reason: $r) { amount { amount } } }', { p: paymentId, a: amount, r: 'damaged' }, admin);
    expect((await refund('6.00')).data?.refundPayment.amount).toEqual({ amount: '6.00' });
    expect((await refund('4.00')).data?.refundPayment.amount).toEqual({ amount: '4.00' });
    // Partial refunds tell orders nothing (payments' own tests show no event is written for them).
    expect((await order(placed.id)).status).toBe('PAID');
    expect(await stockOf(bookId)).toBe(4);

    expect((await refund()).data?.refundPayment.amount).toEqual({ amount: '6.00' });
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('REFUNDED');
    await expect.poll(() => stockOf(bookId), { timeout: 15_000 }).toBe(6);
    const history = await call('query($id: ID!) { order(id: $id) { history { status reason } payments { status } } }', { id: placed.id }, customer);
    expect(history.data!.order).toEqual({
      history: [
        { status: 'PENDING', reason: null },
        { status: 'AWAITING_PAYMENT', reason: null },
        { status: 'PAID', reason: null },
        { status: 'REFUNDED', reason: 'damaged' },
      ],
      payments: [{ status: 'REFUNDED' }],
    });
    const ship = await call('mutation($id: ID!) { updateOrderStatus(id: $id, status: SHIPPED) { status } }', { id: placed.id }, admin);
    expect(errorCode(ship)).toBe('CONFLICT');
    expect(ship.errors?.[0]?.message).toContain('REFUNDED');
  });

  it('takes the largest allowed order through to PAID, and refuses a cent more up front or at the reservation', async () => {
    // A price a cent above the most a book may cost never enters the catalogue.
    const dearer = await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'Dearer', authorNames: ['X'], price: '1000000.01', stock: 1 } }, librarian);
    expect(errorCode(dearer)).toBe('BAD_USER_INPUT');
    expect(dearer.errors?.[0]?.extensions?.['field']).toBe('input.price');

    // 100 copies at the most a book may cost: the most one order may total, 100,000,000.00.
    const dearest = await createBook(200, '1000000.00');
    const tooMany = await placeOrder([{ bookId: dearest, quantity: 101 }]);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.extensions?.['field']).toBe('input.items[0].quantity');

    const largest = (await placeOrder([{ bookId: dearest, quantity: 100 }])).data!.placeOrder;
    await expect.poll(async () => (await order(largest.id)).status, { timeout: 15_000 }).toBe('AWAITING_PAYMENT');
    expect((await order(largest.id)).total).toEqual({ amount: '100000000.00', currency: 'USD' });
    const key = `pay-${randomUUID()}`;
    await expect.poll(async () => (await payOrder(largest.id, key)).data?.payOrder?.amount, { timeout: 15_000 }).toEqual({ amount: '100000000.00', currency: 'USD' });
    await expect.poll(async () => (await order(largest.id)).status, { timeout: 15_000 }).toBe('PAID');

    // A cent more than that is priced only when the catalog reserves it: REJECTED, holding nothing.
    const cent = await createBook(5, '0.01');
    const over = (await placeOrder([{ bookId: dearest, quantity: 100 }, { bookId: cent, quantity: 1 }])).data!.placeOrder;
    await expect.poll(async () => (await order(over.id)).status, { timeout: 15_000 }).toBe('REJECTED');
    expect((await order(over.id)).rejectionReason).toBe('ORDER_LIMIT: the order would total 100000000.01, above the most one order may total (100000000.00).');
    expect([await stockOf(dearest), await stockOf(cent)]).toEqual([100, 5]);
  });

  it('never nulls an order for its book: an unknown id is refused up front, a deleted book keeps its title, a never-known one shows a stand-in', async () => {
    const bookId = await createBook(3, '4.00');
    const placed = (await placeOrder([{ bookId, quantity: 1 }])).data!.placeOrder;
    const ghost = randomUUID();
    const refused = await call(`mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`, { i: { items: [{ bookId, quantity: 1 }, { bookId: ghost, quantity: 1 }], shippingAddress: ADDRESS } }, customer);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.['field']).toBe('input.items[1].bookId');
    expect(refused.errors?.[0]?.message).toContain(ghost);

    const title = (await call('query($id: ID!) { book(id: $id) { title } }', { id: bookId })).data!.book.title as string;
    expect((await call('mutation($id: ID!) { deleteBook(id: $id) }', { id: bookId }, librarian)).data?.deleteBook).toBe(true);
    expect((await call('query($id: ID!) { book(id: $id) { id } }', { id: bookId })).data?.book).toBeNull();

    // A row no placeOrder could write any more (an order of a book the catalog never had, from before the check).
    let neverKnown: { orderId: string; bookId: string } | undefined;
    if (database) {
      const me = (await call('{ me { id } }', {}, customer)).data!.me.id as string;
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ id: string }[]>`insert into orders.orders (customer_id, status, address_line1, address_city, address_postal_code, address_country, rejection_reason)
          values (${me}, 'REJECTED', '1 Quay Street', 'Bristol', 'BS1 4DJ', 'GB', 'OUT_OF_STOCK: no such book') returning id`;
        neverKnown = { orderId: row!.id, bookId: randomUUID() };
        await sql`insert into orders.order_items (order_id, book_id, position, quantity) values (${neverKnown.orderId}, ${neverKnown.bookId}, 0, 1)`;
      } finally {
        await sql.end({ timeout: 1 });
      }
    }

    const ITEMS = 'edges { node { id items { book { id title price { amount } } } } }';
    const mine = await call(`{ me { orders(first: 10) { ${ITEMS} } } }`, {}, customer);
    const all = await call(`{ orders(first: 10) { ${ITEMS} } }`, {}, admin);
    for (const [response, list] of [[mine, mine.data?.me?.orders], [all, all.data?.orders]] as const) {
      expect(response.errors).toBeUndefined();
      const items = new Map((list.edges as { node: { id: string; items: unknown[] } }[]).map((edge) => [edge.node.id, edge.node.items]));
      expect(items.get(placed.id)).toEqual([{ book: { id: bookId, title, price: { amount: '4.00' } } }]);
      if (neverKnown) expect(items.get(neverKnown.orderId)).toEqual([{ book: { id: neverKnown.bookId, title: 'Unknown book', price: { amount: '0.00' } } }]);
    }
  });

  it('shows an order with its customer (users), book titles (catalog) and payments (payments) in one request', async () => {
    const bookId = await createBook(2, '5.00');
    const placed = (await placeOrder([{ bookId, quantity: 1 }])).data!.placeOrder;
    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('AWAITING_PAYMENT');
    const key = `pay-${randomUUID()}`;
    await expect.poll(async () => (await payOrder(placed.id, key)).data?.payOrder?.status, { timeout: 15_000 }).toBe('SUCCEEDED');
    const res = await call(
      `query($id: ID!) { order(id: $id) { status customer { username } items { quantity book { title price { amount } } } payments { status amount { amount } } } }`,
      { id: placed.id },
      customer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.order).toMatchObject({
      customer: { username: expect.stringMatching(/^saga_/) },
      items: [{ quantity: 1, book: { title: expect.stringMatching(/^Saga /), price: { amount: '5.00' } } }],
      payments: [{ status: 'SUCCEEDED', amount: { amount: '5.00' } }],
    });
    const other = await call('query($id: ID!) { order(id: $id) { id } }', { id: placed.id }, librarian);
    expect(errorCode(other)).toBe('FORBIDDEN');

    await expect.poll(async () => (await order(placed.id)).status, { timeout: 15_000 }).toBe('PAID');
    const ship = (status: string, token = admin) => call('mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { status } }', { id: placed.id, s: status }, token);
    expect(errorCode(await ship('SHIPPED', customer))).toBe('FORBIDDEN');
    expect(errorCode(await ship('DELIVERED'))).toBe('CONFLICT');
    expect((await ship('SHIPPED')).data?.updateOrderStatus.status).toBe('SHIPPED');
    expect((await ship('DELIVERED')).data?.updateOrderStatus.status).toBe('DELIVERED');
    const history = await call('query($id: ID!) { order(id: $id) { history { status } } }', { id: placed.id }, customer);
    expect(history.data!.order.history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED']);
  });
});
