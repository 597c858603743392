import { randomUUID } from 'node:crypto';
import { errorCode, expectError, gql, untilBooksKnown, useHarness } from '@bookstore/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './test-app.js';

// The lists the earlier services had (issue 13), through the router on one embedded stack:
// each answers with other subgraphs' fields (book titles, order addresses) resolved by federation.
const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };

const app = useHarness(() => startTestApp('lists'));
let admin: string;
let librarian: string;
let customer: { token: string; id: string };
let other: { token: string; id: string };
let bookId: string;

const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gql(app.routerUrl, query, variables, token ? { token } : {});
const login = async (role: string) => {
  const account = app.demoAccounts.find((a) => a.role === role)!;
  return (await call('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } })).data!.login.accessToken as string;
};
const register = async () => {
  const name = `lists_${randomUUID().slice(0, 8)}`;
  const res = await call('mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', { i: { email: `${name}@example.com`, username: name, password: 'a listful passphrase 77' } });
  return { token: res.data!.register.accessToken as string, id: res.data!.register.user.id as string };
};

beforeAll(async () => {
  [admin, librarian, customer, other] = await Promise.all([login('ADMIN'), login('LIBRARIAN'), register(), register()]);
  const book = await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'The Long List', authorNames: ['Liz Lister'], price: '9.00', stock: 10 } }, librarian);
  bookId = book.data!.createBook.id;
});


describe('the lists through the router', () => {
  it('reviews: the public list, newest first with book titles; one review by id; moderation by a LIBRARIAN', async () => {
    const REVIEWS = 'query($first: Int, $after: String) { reviews(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id rating book { title } } } } }';
    const seeded = (await call(REVIEWS, { first: 2 })).data!.reviews;
    expect(seeded.totalCount).toBeGreaterThan(2);
    // Reviews learns of a new book from the catalog's event, a moment after createBook answers.
    let added: { id: string } | undefined;
    await expect
      .poll(async () => (added = (await call('mutation($i: AddReviewInput!) { addReview(input: $i) { id } }', { i: { bookId, rating: 4, title: 'Long indeed' } }, customer.token)).data?.addReview), { timeout: 15_000 })
      .toBeDefined();
    const listed = await call(REVIEWS, { first: 2 });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.reviews.totalCount).toBe(seeded.totalCount + 1);
    expect(listed.data!.reviews.edges[0].node).toEqual({ id: added!.id, rating: 4, book: { title: 'The Long List' } });
    const next = await call(REVIEWS, { first: 2, after: listed.data!.reviews.pageInfo.endCursor });
    // The new review pushed the newest seeded one to second place; the next page goes on from there.
    expect(listed.data!.reviews.edges[1].node.id).toBe(seeded.edges[0].node.id);
    expect(next.data!.reviews.edges[0].node.id).toBe(seeded.edges[1].node.id);

    const one = await call('query($id: ID!) { review(id: $id) { title author { id } book { title } } }', { id: added!.id });
    expect(one.data).toEqual({ review: { title: 'Long indeed', author: { id: customer.id }, book: { title: 'The Long List' } } });
    expectError(await call('mutation($id: ID!) { deleteReview(id: $id) }', { id: added!.id }, other.token), 'FORBIDDEN');
    expect((await call('mutation($id: ID!) { deleteReview(id: $id) }', { id: added!.id }, librarian)).data).toEqual({ deleteReview: true });
    expect((await call('query($id: ID!) { review(id: $id) { id } }', { id: added!.id })).data).toEqual({ review: null });
  });

  it('orders and payments: the customer re-addresses an unshipped order; an ADMIN lists payments by status with their orders', async () => {
    const placed = await untilBooksKnown(() => call('mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items: [{ bookId, quantity: 1 }], shippingAddress: ADDRESS } }, customer.token));
    const orderId = placed.data!.placeOrder.id as string;
    const READDRESS = 'mutation($id: ID!, $a: AddressInput!) { updateShippingAddress(id: $id, address: $a) { status shippingAddress { city } items { book { title } } } }';
    expectError(await call(READDRESS, { id: orderId, a: { ...ADDRESS, city: 'Bath' } }, other.token), 'FORBIDDEN');
    expectError(await call(READDRESS, { id: orderId, a: { ...ADDRESS, country: 'Britain' } }, customer.token), 'BAD_USER_INPUT', { field: 'address.country' });
    const moved = await call(READDRESS, { id: orderId, a: { ...ADDRESS, city: 'Bath' } }, customer.token);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateShippingAddress).toMatchObject({ shippingAddress: { city: 'Bath' }, items: [{ book: { title: 'The Long List' } }] });

    await expect
      .poll(
        async () =>
          (await call('mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { status } }', { i: { orderId, method: 'CREDIT_CARD', card: CARD }, k: randomUUID() }, customer.token)).data
            ?.payOrder?.status,
        { timeout: 15_000 },
      )
      .toBe('SUCCEEDED');
    const PAYMENTS = 'query($s: PaymentStatus) { payments(status: $s, first: 1) { totalCount edges { node { status amount { amount } order { id shippingAddress { city } } } } } }';
    const paid = await call(PAYMENTS, { s: 'SUCCEEDED' }, admin);
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.payments.totalCount).toBeGreaterThanOrEqual(1);
    expect(paid.data!.payments.edges).toEqual([{ node: { status: 'SUCCEEDED', amount: { amount: '9.00' }, order: { id: orderId, shippingAddress: { city: 'Bath' } } } }]);
    expect(errorCode(await call(PAYMENTS, {}, customer.token))).toBe('FORBIDDEN');
    expect((await call(PAYMENTS, { s: 'REFUNDED' }, admin)).data!.payments.edges).toEqual([]);

    expect((await call('mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { status } }', { id: orderId, s: 'SHIPPED' }, admin)).errors).toBeUndefined();
    expectError(await call(READDRESS, { id: orderId, a: ADDRESS }, customer.token), 'CONFLICT', { message: 'SHIPPED' });
  });

  it("users: an ADMIN edits another user's profile, which everyone then sees", async () => {
    const UPDATE_USER = 'mutation($id: ID!, $i: UpdateProfileInput!) { updateUser(id: $id, input: $i) { id name username email } }';
    expectError(await call(UPDATE_USER, { id: other.id, i: { name: 'Not Yours' } }, customer.token), 'FORBIDDEN');
    const taken = await call('{ me { username } }', {}, other.token);
    expectError(await call(UPDATE_USER, { id: customer.id, i: { username: taken.data!.me.username } }, admin), 'CONFLICT', { field: 'input.username' });
    const edited = await call(UPDATE_USER, { id: customer.id, i: { name: 'Renamed Reader' } }, admin);
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateUser).toMatchObject({ id: customer.id, name: 'Renamed Reader' });
    expect((await call('{ me { name } }', {}, customer.token)).data).toEqual({ me: { name: 'Renamed Reader' } });
    expectError(await call(UPDATE_USER, { id: randomUUID(), i: { name: 'Nobody' } }, admin), 'NOT_FOUND');
  });
});
