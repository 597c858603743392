import { randomUUID } from 'node:crypto';
import { gql, untilBooksKnown, useHarness } from '@bookstore/testing';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN, ServicesStack, type RunningService } from './services.js';

// Subscriptions across processes: two routers and two orders replicas on PostgreSQL and Redis.
// A subscriber on one router gets the events of changes made through the other, and keeps
// getting them after the orders replica its router subscribed to restarts.
const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };

const stack = useHarness(() => ServicesStack.onOwnDatabase('subscriptions'));

describe('subscriptions across routers and orders replicas', () => {
  it('delivers events caused through the other router, and survives an orders replica restart', async () => {
    const users = await stack.startUsers();
    const [catalog, payments, ordersA, ordersB] = await Promise.all(['catalog', 'payments', 'orders', 'orders'].map((name) => stack.start(name)));
    const urls = (orders: RunningService) =>
      `users=${users.url}/graphql,catalog=${catalog!.url}/graphql,payments=${payments!.url}/graphql,orders=${orders.url}/graphql`;
    const [routerA, routerB] = await Promise.all([stack.start('router', { SUBGRAPH_URLS: urls(ordersA!) }), stack.start('router', { SUBGRAPH_URLS: urls(ordersB!) })]);

    const admin = (await gql(routerB!.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: ADMIN.email, password: ADMIN.password } })).data!.login.accessToken;
    const customer = (
      await gql(routerB!.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: 'two@example.com', username: 'two_routers', password: 'a patient subscriber phrase 5' } })
    ).data!.register.accessToken;
    const bookId = (await gql(routerB!.url, 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'Two Towers of Routing', authorNames: ['Rhea Plica'], price: '6.00', stock: 50 } }, { token: admin })).data!
      .createBook.id;
    const placeThroughB = async () =>
      (await untilBooksKnown(() => gql(routerB!.url, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items: [{ bookId, quantity: 1 }], shippingAddress: ADDRESS } }, { token: customer }))).data!
        .placeOrder.id as string;

    const events: { id: string; status: string; title: string }[] = [];
    const errors: unknown[] = [];
    const client = stack.disposeOnStop(createClient({ url: `${routerA!.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${customer}` } }));
    client.subscribe(
      { query: 'subscription { myOrderUpdates { id status items { book { title } } } }' },
      {
        next: (value) => {
          const update = (value.data as { myOrderUpdates: { id: string; status: string; items: { book: { title: string } }[] } }).myOrderUpdates;
          events.push({ id: update.id, status: update.status, title: update.items[0]!.book.title });
        },
        error: (error) => errors.push(error),
        complete: () => errors.push('completed'),
      },
    );
    const statusesOf = (id: string) => events.filter((e) => e.id === id).map((e) => e.status);
    // No "subscribed" message exists in the protocol: place probe orders until one is heard.
    const untilHeard = async () => {
      let probe = '';
      await expect
        .poll(
          async () => {
            if (probe && statusesOf(probe).length > 0) return true;
            probe = await placeThroughB();
            return false;
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe(true);
    };
    await untilHeard();

    const orderId = await placeThroughB();
    await expect.poll(() => statusesOf(orderId), { timeout: 10_000 }).toEqual(['PENDING', 'AWAITING_PAYMENT']);
    const paid = await gql(routerB!.url, 'mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { status } }', { i: { orderId, method: 'CREDIT_CARD', card: CARD }, k: randomUUID() }, { token: customer });
    expect(paid.data?.payOrder.status).toBe('SUCCEEDED');
    await expect.poll(() => statusesOf(orderId), { timeout: 10_000 }).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
    expect(events.find((e) => e.id === orderId)?.title).toBe('Two Towers of Routing');

    // The replica router A subscribed through goes away and comes back on the same address.
    await ordersA!.child.kill();
    await stack.start('orders', {}, ordersA!.port);
    await untilHeard();
    const afterRestart = await placeThroughB();
    await expect.poll(() => statusesOf(afterRestart), { timeout: 10_000 }).toEqual(['PENDING', 'AWAITING_PAYMENT']);
    expect(errors).toEqual([]);
    // Seven processes start, and the restarted replica is reached through graphql-ws's backoff
    // (1 s, 2 s, 4 s, ...): minutes on a loaded 2-core CI machine, well under one when idle.
  }, 180_000);
});
