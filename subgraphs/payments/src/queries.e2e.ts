import { randomUUID } from 'node:crypto';
import { encodeCursor, queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectNewestFirstListing, useHarness, walkPages, type GraphQLResponse, type TestPage } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS } from './domain/processor.js';
import { startPayments, type Caller } from './testing/harness.js';

const PAY = 'mutation($input: PayOrderInput!, $key: String!) { payOrder(input: $input, idempotencyKey: $key) { id } }';
const PAYMENT = 'query($id: ID!) { payment(id: $id) { id status order { id } } }';
const ORDER_PAYMENTS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id payments { id status refunds { id } } } } }';
const USER_PAYMENTS = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on User { id payments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }
}`;
const PAYMENTS = `query($status: PaymentStatus, $first: Int, $after: String) {
  payments(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } } }
}`;
type PaymentPage = TestPage<{ id: string }>;

const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' });

const payments = useHarness(() => startPayments('postgres'));
let customer: Caller;
let orderId: string;
let failedId: string;
let paidId: string;

/** Pays (or tries to pay) an order of `payer`, returning the payment id either way. */
async function attempt(payer: Caller, order: string, number: string = TEST_CARDS.succeeds): Promise<string> {
  await payments.request(PAY, { input: { orderId: order, method: 'CREDIT_CARD', card: card(number) }, key: randomUUID() }, payer);
  const { data } = await payments.request(ORDER_PAYMENTS, { r: [{ __typename: 'Order', id: order }] }, payer);
  return data?._entities[0].payments.at(-1).id;
}

describe('payment', () => {
  it('is visible to the customer who paid and to ADMINs, and null to anyone else', async () => {
    customer = await payments.caller();
    orderId = await payments.orderAwaitingPayment(customer);
    failedId = await attempt(customer, orderId, TEST_CARDS.declined);
    paidId = await attempt(customer, orderId);

    const own = await payments.request(PAYMENT, { id: paidId.toUpperCase() }, customer);
    expect(own.data?.payment).toEqual({ id: paidId, status: 'SUCCEEDED', order: { id: orderId } });
    expect((await payments.request(PAYMENT, { id: failedId }, payments.admin)).data?.payment).toMatchObject({ status: 'FAILED' });
    expect((await payments.request(PAYMENT, { id: paidId }, await payments.caller())).data).toEqual({ payment: null });
    expect((await payments.request(PAYMENT, { id: randomUUID() }, customer)).data).toEqual({ payment: null });
  });

  it('needs a signed-in caller and a well-formed id', async () => {
    expect(errorCode(await payments.request(PAYMENT, { id: paidId }))).toBe('UNAUTHENTICATED');
    const malformed = await payments.request(PAYMENT, { id: 'payment-1' }, customer);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it("reaches the order's payments through Payment.order", async () => {
    const { data } = await payments.request('query($id: ID!) { payment(id: $id) { order { payments { id } } } }', { id: paidId }, customer);
    expect(data?.payment.order.payments).toEqual([{ id: failedId }, { id: paidId }]);
  });
});

describe('Order.payments', () => {
  it("lists every attempt, oldest first, to the order's customer and to ADMINs", async () => {
    const expected = [{ id: orderId, payments: [{ id: failedId, status: 'FAILED', refunds: [] }, { id: paidId, status: 'SUCCEEDED', refunds: [] }] }];
    for (const viewer of [customer, payments.admin]) {
      const { data, errors } = await payments.request(ORDER_PAYMENTS, { r: [{ __typename: 'Order', id: orderId }] }, viewer);
      expect(errors).toBeUndefined();
      expect(data?._entities).toEqual(expected);
    }
  });

  it('is empty for an order payments has not heard of, and FORBIDDEN to other customers', async () => {
    const { data } = await payments.request(ORDER_PAYMENTS, { r: [{ __typename: 'Order', id: randomUUID() }, { __typename: 'Order', id: 'not-a-uuid' }] }, customer);
    expect(data?._entities.map((order: { payments: unknown[] }) => order.payments)).toEqual([[], []]);
    expect(errorCode(await payments.request(ORDER_PAYMENTS, { r: [{ __typename: 'Order', id: orderId }] }, await payments.caller()))).toBe('FORBIDDEN');
    expect(errorCode(await payments.request(ORDER_PAYMENTS, { r: [{ __typename: 'Order', id: orderId }] }))).toBe('UNAUTHENTICATED');
  });

  it('loads the payments and refunds of many orders in one query each', async () => {
    const orders: string[] = [];
    for (let i = 0; i < 4; i++) {
      const order = await payments.orderAwaitingPayment(customer);
      const payment = await attempt(customer, order);
      await payments.request('mutation($id: ID!) { refundPayment(paymentId: $id, amount: "1.00") { id } }', { id: payment }, payments.admin);
      orders.push(order);
    }
    const representations = orders.map((id) => ({ __typename: 'Order', id }));
    let data: Record<string, any> | null | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    const statements = await payments.countQueries(async () => {
      ({ data } = await payments.request(ORDER_PAYMENTS, { r: representations }, payments.admin));
    });
    expect(data?._entities.map((order: { payments: { refunds: unknown[] }[] }) => order.payments[0]?.refunds.length)).toEqual([1, 1, 1, 1]);
    expect(statements).toBe(2);
  });
});

describe('User.payments', () => {
  let payer: Caller;
  let newestFirst: string[];

  beforeAll(async () => {
    payer = await payments.caller();
  });

  it('pages through a customer’s payments, newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await attempt(payer, await payments.orderAwaitingPayment(payer), i % 2 === 0 ? TEST_CARDS.succeeds : TEST_CARDS.declined));
    newestFirst = made.reverse();

    const seen = await walkPages(2, async (after) => {
      const response: GraphQLResponse<{ _entities: { payments: PaymentPage }[] }> = await payments.request(USER_PAYMENTS, { r: [{ __typename: 'User', id: payer.id }], first: 2, after }, payer);
      expect(response.errors).toBeUndefined();
      const page = response.data!._entities[0]!.payments;
      expect(page.totalCount).toBe(5);
      return page;
    });
    expect(seen.map((node) => node.id)).toEqual(newestFirst);
  });

  it('shows ADMINs any customer, pages several users in one query, and is FORBIDDEN to others', async () => {
    const stranger = randomUUID();
    let data: Record<string, any> | null | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    const statements = await payments.countQueries(async () => {
      ({ data } = await payments.request(
        USER_PAYMENTS,
        { r: [{ __typename: 'User', id: payer.id }, { __typename: 'User', id: customer.id }, { __typename: 'User', id: stranger }], first: 3 },
        payments.admin,
      ));
    });
    expect(data?._entities.map((user: { payments: { totalCount: number; edges: unknown[] } }) => [user.payments.totalCount, user.payments.edges.length])).toEqual([
      [5, 3],
      [6, 3],
      [0, 0],
    ]);
    expect(statements).toBe(2);
    expect(errorCode(await payments.request(USER_PAYMENTS, { r: [{ __typename: 'User', id: payer.id }] }, customer))).toBe('FORBIDDEN');
    expect(errorCode(await payments.request(USER_PAYMENTS, { r: [{ __typename: 'User', id: payer.id }] }))).toBe('UNAUTHENTICATED');
  });

  it('rejects a bad page size or cursor', async () => {
    const page = (variables: Record<string, unknown>) => payments.request(USER_PAYMENTS, { r: [{ __typename: 'User', id: payer.id }], ...variables }, payer);
    expect((await page({ first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await page({ after: 'nope' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await page({ after: encodeCursor(['TITLE', 'x', randomUUID()]) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await page({ first: 0 })).data?._entities[0].payments).toEqual({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });
});

describe('Query.payments', () => {
  type Listed = TestPage<{ id: string; status: string }>;
  async function list(variables: { status?: string; first?: number; after?: string | null }, caller: Caller = payments.admin): Promise<Listed> {
    const response: GraphQLResponse<{ payments: Listed }> = await payments.request(PAYMENTS, variables, caller);
    expect(response.errors).toBeUndefined();
    return response.data!.payments;
  }
  const stored = async (status?: string) =>
    (
      await queryRows<{ id: string }>(
        payments.db,
        sql`select id from payments.payments where ${status ?? null}::text is null or status = ${status ?? null} order by created_at desc, id desc`,
      )
    ).map((row) => row.id);

  it('lists every customer’s payments to an ADMIN, newest first, page by page', async () => {
    const made: string[] = [];
    for (const number of [TEST_CARDS.succeeds, TEST_CARDS.declined, TEST_CARDS.succeeds]) {
      const payer = await payments.caller();
      made.push(await attempt(payer, await payments.orderAwaitingPayment(payer), number));
    }
    await expectNewestFirstListing(made, () => stored(), 4, list);
  });

  it('filters by status, counting only that status', async () => {
    const failed = await stored('FAILED');
    expect(failed.length).toBeGreaterThan(1);
    const seen = await walkPages(1, async (after) => {
      const page = await list({ status: 'FAILED', first: 1, after });
      expect(page.totalCount).toBe(failed.length);
      return page;
    });
    expect(seen.map((node) => node.id)).toEqual(failed);
    expect(seen.every((node) => node.status === 'FAILED')).toBe(true);
    // The simulated processor answers at once, so no payment is ever stored PENDING.
    expect(await list({ status: 'PENDING' })).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('is ADMIN only', async () => {
    expect(errorCode(await payments.request(PAYMENTS, {}, await payments.caller()))).toBe('FORBIDDEN');
    expect(errorCode(await payments.request(PAYMENTS, {}, await payments.caller('LIBRARIAN')))).toBe('FORBIDDEN');
    expect(errorCode(await payments.request(PAYMENTS, {}))).toBe('UNAUTHENTICATED');
  });

  it('reads a page and its total in 2 statements', async () => {
    expect(await payments.countQueries(() => payments.request(PAYMENTS, { status: 'SUCCEEDED', first: 20 }, payments.admin))).toBe(2);
  });

  it('rejects a bad page size, cursor or status, naming the argument', async () => {
    const ask = (variables: Record<string, unknown>) => payments.request(PAYMENTS, variables, payments.admin);
    expect((await ask({ first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await ask({ after: 'nope' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await ask({ after: encodeCursor(['TITLE', 'x', randomUUID()]) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorCode(await ask({ status: 'LOST' }))).toBe('BAD_USER_INPUT');
  });
});
