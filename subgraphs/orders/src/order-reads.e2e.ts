import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@bookstore/subgraph-runtime';
import { errorCode, walkPages, type GraphQLResponse, type TestPage } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersTable } from './db/schema.js';
import { advanceTo, ORDER, orderInput, placeOrder, readOrder, type PlacedOrder } from './testing/documents.js';
import { startOrders, type Caller, type OrdersHarness } from './testing/harness.js';

type Page = TestPage<{ id: string; status: string }>;

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } }';
const USER_ORDERS = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User { id orders(first: $first, after: $after) { ${PAGE} } } } }`;
const ALL_ORDERS = `query($status: OrderStatus, $first: Int, $after: String) { orders(status: $status, first: $first, after: $after) { ${PAGE} } }`;

let orders: OrdersHarness;
/** A customer with five orders, placed one after the other. */
let regular: Caller;
let placed: PlacedOrder[];
/** Their ids newest first; orders placed within one millisecond are ordered by id, as the lists are. */
let newestFirst: string[];

beforeAll(async () => {
  orders = await startOrders({ kind: 'postgres' });
  regular = await orders.customer();
  placed = [];
  for (let i = 0; i < 5; i++) placed.push(await placeOrder(orders, regular, orderInput(i + 1)));
  newestFirst = [...placed].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1)).map((order) => order.id);
});
afterAll(() => orders?.stop());

function userOrders(userId: string, caller: Caller | undefined, page: { first?: number; after?: string | null } = {}): Promise<GraphQLResponse<{ _entities: { id: string; orders: Page }[] }>> {
  return orders.request(USER_ORDERS, { r: [{ __typename: 'User', id: userId }], ...page }, caller);
}

async function userPage(userId: string, caller: Caller, page: { first?: number; after?: string | null } = {}): Promise<Page> {
  const response = await userOrders(userId, caller, page);
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!.orders;
}

async function allOrdersPage(variables: Record<string, unknown>): Promise<Page> {
  const response = await orders.request<{ orders: Page }>(ALL_ORDERS, variables, orders.admin);
  expect(response.errors).toBeUndefined();
  return response.data!.orders;
}

/** The ids of a listing, `first` at a time (walkPages checks every page on the way). */
const walk = async (first: number, fetchPage: (after: string | null) => Promise<Page>) => (await walkPages(first, fetchPage)).map((node) => node.id);

describe('order', () => {
  it('shows an order to its customer and to ADMINs', async () => {
    const [order] = placed;
    expect((await readOrder(orders, order!.id, regular)).id).toBe(order!.id);
    expect(await readOrder(orders, order!.id.toUpperCase(), orders.admin)).toEqual(await readOrder(orders, order!.id, regular));
  });

  it('is FORBIDDEN to other customers and needs a signed-in caller', async () => {
    const response = await orders.request(ORDER, { id: placed[0]!.id }, await orders.customer());
    expect(response.data?.order ?? null).toBeNull();
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(errorCode(await orders.request(ORDER, { id: placed[0]!.id }))).toBe('UNAUTHENTICATED');
  });

  it('is null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await orders.request(ORDER, { id: randomUUID() }, regular);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.order).toBeNull();
    const malformed = await orders.request(ORDER, { id: 'order-1' }, regular);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('User.orders', () => {
  it('lists a customer’s orders newest first, for themself and for ADMINs', async () => {
    const own = await userPage(regular.id, regular);
    expect(own.edges.map((edge) => edge.node.id)).toEqual(newestFirst);
    expect(own.totalCount).toBe(5);
    expect(await userPage(regular.id.toUpperCase(), orders.admin)).toEqual(own);
  });

  it('is FORBIDDEN to anyone else', async () => {
    const response = await userOrders(regular.id, await orders.customer());
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(errorCode(await userOrders(regular.id, undefined))).toBe('UNAUTHENTICATED');
  });

  it('is empty for a user without orders', async () => {
    const newcomer = await orders.customer();
    expect(await userPage(newcomer.id, newcomer)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('pages by first and after, to the last order and no further', async () => {
    expect(await walk(2, (after) => userPage(regular.id, regular, { first: 2, after }))).toEqual(newestFirst);
    const none = await userPage(regular.id, regular, { first: 0 });
    expect(none).toEqual({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
    expect((await userPage(regular.id, regular, { first: 5 })).pageInfo.hasNextPage).toBe(false);
    expect((await userPage(regular.id, regular, { first: 4 })).pageInfo.hasNextPage).toBe(true);
    const all = await userPage(regular.id, regular, { first: 100 });
    expect(all.edges).toHaveLength(5);
    const afterLast = await userPage(regular.id, regular, { after: all.pageInfo.endCursor });
    expect(afterLast).toEqual({ totalCount: 5, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('rejects a page size outside 0..100 and a malformed cursor', async () => {
    for (const page of [{ first: 101 }, { first: -1 }, { after: 'nope' }, { after: encodeCursor(['2026-01-01T00:00:00.000Z', 'x']) }]) {
      const response = await userOrders(regular.id, regular, page);
      expect(errorCode(response), JSON.stringify(page)).toBe('BAD_USER_INPUT');
    }
  });

  it('loads the orders of many users in one query', async () => {
    const others = [await orders.customer(), await orders.customer()];
    for (const other of others) await placeOrder(orders, other);
    const representations = [regular, ...others].map((user) => ({ __typename: 'User', id: user.id }));
    let response: GraphQLResponse<{ _entities: { orders: Page }[] }> | undefined;
    const queries = await orders.countQueries(async () => {
      response = await orders.request(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders(first: 2) { totalCount edges { node { id } } } } } }`, { r: representations }, orders.admin);
    }, /from "orders"\."orders"/);
    expect(response?.errors).toBeUndefined();
    expect(response?.data?._entities.map((user) => user.orders.totalCount)).toEqual([5, 1, 1]);
    expect(response?.data?._entities[0]?.orders.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(0, 2));
    // One page query and one count query, for all three users.
    expect(queries).toBe(2);
  });
});

describe('orders', () => {
  it('lists every order newest first, filtered by status, for ADMINs only', async () => {
    const paid = await placeOrder(orders, await orders.customer());
    await advanceTo(orders, paid, 'PAID');
    const paidPage = await allOrdersPage({ status: 'PAID' });
    expect(paidPage.edges.map((edge) => edge.node)).toEqual([{ id: paid.id, status: 'PAID' }]);
    expect(paidPage.totalCount).toBe(1);

    const pending = await walk(3, (after) => allOrdersPage({ status: 'PENDING', first: 3, after }));
    const pendingInDatabase = await orders.db.select({ id: ordersTable.id }).from(ordersTable).where(eq(ordersTable.status, 'PENDING'));
    expect(pending.sort()).toEqual(pendingInDatabase.map((row) => row.id).sort());

    const everything = await walk(4, (after) => allOrdersPage({ first: 4, after }));
    expect(everything.indexOf(paid.id)).toBe(0);
    expect(everything.filter((id) => placed.some((order) => order.id === id))).toEqual(newestFirst);
  });

  it('is FORBIDDEN to customers', async () => {
    const response = await orders.request(ALL_ORDERS, {}, regular);
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(errorCode(await orders.request(ALL_ORDERS, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await orders.request(ALL_ORDERS, { first: 101 }, orders.admin))).toBe('BAD_USER_INPUT');
  });

  it('loads the lines and histories of a page in one query each', async () => {
    let response: GraphQLResponse<{ orders: Page }> | undefined;
    const itemQueries = await orders.countQueries(async () => {
      response = await orders.request('{ orders(first: 10) { edges { node { items { quantity } } } } }', {}, orders.admin);
    }, /"order_items"/);
    expect(response?.data?.orders.edges.length).toBeGreaterThan(5);
    expect(itemQueries).toBe(1);
    const historyQueries = await orders.countQueries(() => orders.request('{ orders(first: 10) { edges { node { history { status } } } } }', {}, orders.admin), /"order_status_changes"/);
    expect(historyQueries).toBe(1);
  });
});

describe('Order through _entities', () => {
  const ENTITY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status total { amount } items { book { id } } shippingAddress { city } } } }';

  it('resolves the order for its customer and ADMINs', async () => {
    const [order] = placed;
    const response = await orders.request(ENTITY, { r: [{ __typename: 'Order', id: order!.id }] }, regular);
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([{ id: order!.id, status: 'PENDING', total: null, items: [{ book: { id: order!.items[0]!.book.id } }], shippingAddress: { city: 'Bath' } }]);
    expect((await orders.request(ENTITY, { r: [{ __typename: 'Order', id: order!.id }] }, orders.admin)).data).toEqual(response.data);
  });

  it('keeps everything but the id from anyone else, whoever handed out the reference', async () => {
    const response = await orders.request(ENTITY, { r: [{ __typename: 'Order', id: placed[0]!.id }] }, await orders.customer());
    expect(response.data?._entities).toEqual([null]);
    expect(response.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    const anonymous = await orders.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }', { r: [{ __typename: 'Order', id: placed[0]!.id }] });
    expect(anonymous.data?._entities).toEqual([{ id: placed[0]!.id }]);
  });

  it('resolves unknown and malformed ids to null', async () => {
    const response = await orders.request(ENTITY, { r: [{ __typename: 'Order', id: randomUUID() }, { __typename: 'Order', id: 'x' }] }, orders.admin);
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([null, null]);
  });
});
