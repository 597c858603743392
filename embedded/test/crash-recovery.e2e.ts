import { createTestDatabase, gql, startTestRedis, untilBooksKnown, type TestDatabase, type TestRedis } from '@bookstore/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ServicesStack } from './services.js';

const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };

// Services mode as operators run it: each subgraph its own process on PostgreSQL and Redis.
// A catalog worker is killed with SIGKILL while it reserves stock, and Redis is killed and
// restarted; afterwards every order must reach a final state and no event may act twice.
let database: TestDatabase;
let redis: TestRedis;
let stack: ServicesStack;
let sql: postgres.Sql | undefined;

beforeAll(async () => {
  [database, redis] = await Promise.all([createTestDatabase('crash'), startTestRedis()]);
  stack = new ServicesStack({ databaseUrl: database.url, redisUrl: redis.url });
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await stack?.stopAll();
  await redis?.dispose();
  await database?.drop();
});

const startSubgraph = (name: string) => stack.start(name);

describe('crash recovery in services mode', () => {
  it('loses nothing when a worker is SIGKILLed mid-job and Redis restarts', async () => {
    const users = await stack.startUsers();
    const [orders, payments] = await Promise.all([startSubgraph('orders'), startSubgraph('payments')]);
    let catalog = await startSubgraph('catalog');

    const admin = (await gql(users.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: ADMIN.email, password: ADMIN.password } })).data!.login.accessToken;
    const customer = (
      await gql(users.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
        i: { email: 'crash@example.com', username: 'crash_test', password: 'a sturdy recovery passphrase 3' },
      })
    ).data!.register.accessToken;
    const book = await gql(catalog.url, 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'Crash Course', authorNames: ['Kill Nine'], price: '9.00', stock: 21 } }, { token: admin });
    const bookId = book.data!.createBook.id as string;
    const placeOrder = () => gql(orders.url, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items: [{ bookId, quantity: 1 }], shippingAddress: ADDRESS } }, { token: customer });
    // One order once orders knows the book; then the catalog stops, so the next 40 queue up for it
    // and the kill below lands while they are being worked on, however fast or loaded the machine.
    const first = await untilBooksKnown(placeOrder);
    await catalog.child.stop();
    const placed = await Promise.all(Array.from({ length: 40 }, placeOrder));
    const ids = [first, ...placed].map((r) => r.data!.placeOrder.id as string);
    const statusOf = async (id: string) => (await gql(orders.url, 'query($id: ID!) { order(id: $id) { status } }', { id }, { token: customer })).data!.order.status as string;
    const statuses = async () => Promise.all(ids.map(statusOf));

    // Kill the catalog worker as soon as it has reserved for one queued order: the rest are mid-flight.
    const db = (sql = postgres(database.url, { max: 1, onnotice: () => {} }));
    const reservedCount = async () => (await db`select count(*)::int as n from catalog.stock_reservations`)[0]!.n as number;
    const reservedBefore = await reservedCount();
    catalog = await startSubgraph('catalog');
    await expect.poll(reservedCount, { timeout: 60_000, interval: 5 }).toBeGreaterThan(reservedBefore);
    await catalog.child.kill();
    // The kill interrupted work: orders were still waiting for the catalog.
    const pendingAtKill = (await statuses()).filter((s) => s === 'PENDING').length;
    expect(pendingAtKill).toBeGreaterThan(0);
    // Redis dies too (SIGKILL: no shutdown save; the append-only log keeps acknowledged writes).
    await redis.kill();
    await redis.start();
    catalog = await startSubgraph('catalog');

    await expect.poll(async () => (await statuses()).every((s) => s !== 'PENDING'), { timeout: 60_000, interval: 250 }).toBe(true);
    const final = await statuses();
    expect(final.filter((s) => s === 'AWAITING_PAYMENT')).toHaveLength(21);
    expect(final.filter((s) => s === 'REJECTED')).toHaveLength(20);

    // No second effects: stock moved exactly once per reservation, each order changed state once.
    const [stock] = await db`select stock from catalog.books where id = ${bookId}`;
    expect(stock?.stock).toBe(0);
    const reservations = await db`select status, count(*)::int as n from catalog.stock_reservations group by status order by status`;
    expect(reservations.map((r) => [r.status, r.n])).toEqual([
      ['REJECTED', 20],
      ['RESERVED', 21],
    ]);
    const histories = await db`select order_id, count(*)::int as n from orders.order_status_changes group by order_id having count(*) <> 2`;
    expect(histories).toEqual([]);
    const handledTwice = await db`select event_id from catalog.inbox group by event_id having count(*) > 1`;
    expect(handledTwice).toEqual([]);
    expect(catalog.child.output()).not.toMatch(/job failed for good/);
    expect(payments.child.process.exitCode).toBeNull();
  });
});
