import { randomUUID } from 'node:crypto';
import { connectWs, errorCode, gql, useHarness, type GraphQLResponse, type TestWsClient } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './test-app.js';

// Access tokens do not outlive the account or the role they carry: after deleteUser or a role
// change, the old token's writes are refused through the router within a poll of the revocation
// list (every subgraph and the router hold it), and its open subscriptions are closed.
const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const REVOKED = 'The access token was revoked; sign in again.';

const app = useHarness(() => startTestApp('revocation', { env: { REVOCATIONS_POLL_MS: '200' } }));
let admin: string;
let librarian: { token: string; refreshToken: string; id: string };
let bookId: string;
const sockets: TestWsClient[] = [];

const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gql(app.routerUrl, query, variables, token ? { token } : {});
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { id } } }';
const login = async (role: string) => {
  const account = app.demoAccounts.find((a) => a.role === role)!;
  const payload = (await call(LOGIN, { i: { login: account.username, password: account.password } })).data!.login;
  return { token: payload.accessToken as string, refreshToken: payload.refreshToken as string, id: payload.user.id as string };
};
const outcome = (response: GraphQLResponse) => ({ code: errorCode(response), status: response.status, message: response.errors?.[0]?.message });

const placeOrder = (token: string) => call('mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items: [{ bookId, quantity: 1 }], shippingAddress: ADDRESS } }, token);
const addReview = (token: string) => call('mutation($i: AddReviewInput!) { addReview(input: $i) { id } }', { i: { bookId, rating: 4, title: 'Kept me up' } }, token);
const borrowBook = (token: string) => call('mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: bookId }, token);
const createCategory = (token: string) => call('mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', { i: { name: `Revoked ${randomUUID().slice(0, 8)}` } }, token);

beforeAll(async () => {
  admin = (await login('ADMIN')).token;
  librarian = await login('LIBRARIAN');
  bookId = (await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'The Revoked Pass', authorNames: ['Tok En'], price: '7.00', stock: 50 } }, librarian.token)).data!.createBook.id;
  expect((await call('mutation($b: ID!) { setLendingCopies(bookId: $b, copies: 5) { totalCopies } }', { b: bookId }, librarian.token)).errors).toBeUndefined();
});

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
});

describe('revoked access tokens through the router', () => {
  it("refuses a deleted user's old token for orders, reviews and loans, and closes its subscriptions", async () => {
    const name = `gone_${randomUUID().slice(0, 8)}`;
    const registered = (
      await call('mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', { i: { email: `${name}@example.com`, username: name, password: 'a soon forgotten passphrase 3' } })
    ).data!.register;
    const token = registered.accessToken as string;
    expect((await placeOrder(token)).data?.placeOrder.id).toBeTruthy();
    const socket = connectWs(app.routerUrl, { token });
    sockets.push(socket);
    const subscription = socket.subscribe('subscription { myOrderUpdates { id status } }');
    await expect.poll(() => app.router.subscriptions.subscribers, { timeout: 10_000 }).toBe(1);

    expect((await call('mutation($id: ID!) { deleteUser(id: $id) }', { id: registered.user.id }, admin)).data).toEqual({ deleteUser: true });

    await expect.poll(async () => outcome(await placeOrder(token)), { timeout: 15_000, interval: 100 }).toEqual({ code: 'UNAUTHENTICATED', status: 401, message: REVOKED });
    expect(outcome(await addReview(token))).toEqual({ code: 'UNAUTHENTICATED', status: 401, message: REVOKED });
    expect(outcome(await borrowBook(token))).toEqual({ code: 'UNAUTHENTICATED', status: 401, message: REVOKED });
    expect(await subscription.ended).toEqual({ kind: 'closed', code: 4403, reason: expect.stringMatching(/revoked/) });
    // Nobody else's token is touched.
    expect((await borrowBook(librarian.token)).errors).toBeUndefined();
  });

  it("refuses a demoted LIBRARIAN's old token for catalogue work; after a refresh the new token carries the new role", async () => {
    expect((await createCategory(librarian.token)).errors).toBeUndefined();
    expect((await call('mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { role } }', { u: librarian.id, r: 'CUSTOMER' }, admin)).data?.setUserRole.role).toBe('CUSTOMER');

    await expect.poll(async () => outcome(await createCategory(librarian.token)), { timeout: 15_000, interval: 100 }).toEqual({ code: 'UNAUTHENTICATED', status: 401, message: REVOKED });

    const refreshed = (await call('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: librarian.refreshToken })).data!.refreshToken.accessToken as string;
    expect((await call('{ me { role } }', {}, refreshed)).data?.me.role).toBe('CUSTOMER');
    expect(errorCode(await createCategory(refreshed))).toBe('FORBIDDEN');
    // As a CUSTOMER the same person still borrows and reviews with the new token.
    expect((await addReview(refreshed)).errors).toBeUndefined();
  });
});
