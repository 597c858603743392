import { randomUUID } from 'node:crypto';
import { gql, useHarness } from '@bookstore/testing';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './test-app.js';

// The error contract through the real supergraph (DESIGN.md, Errors across the router): the
// subgraphs' own coded errors reach the client through the router with their code, retryAfter
// and path, and an access-checked field nulls only itself.
const app = useHarness(() => startTestApp('edges', { postgres: true }));

const signIn = async (role: 'ADMIN' | 'LIBRARIAN' | 'CUSTOMER') => {
  const account = app.demoAccounts.find((a) => a.role === role)!;
  const res = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }', { i: { login: account.username, password: account.password } });
  expect(res.errors).toBeUndefined();
  return { token: res.data!.login.accessToken as string, id: res.data!.login.user.id as string };
};

describe('errors through the router, on the real subgraphs', () => {
  it("nulls only the field a viewer may not read, with FORBIDDEN at its path, and keeps the user's other fields", async () => {
    const librarian = await signIn('LIBRARIAN');
    const reader = await signIn('CUSTOMER');
    const res = await gql(app.routerUrl, 'query($id: ID!) { user(id: $id) { username orders { totalCount } payments { totalCount } loans { totalCount } reviews { totalCount } } }', { id: reader.id }, { token: librarian.token });
    expect(res.data?.user).toEqual({ username: 'reader', orders: null, payments: null, loans: { totalCount: expect.any(Number) }, reviews: { totalCount: expect.any(Number) } });
    expect(res.errors?.map((error) => [error.path, error.extensions?.code]).sort()).toEqual([
      [['user', 'orders'], 'FORBIDDEN'],
      [['user', 'payments'], 'FORBIDDEN'],
    ]);
  });

  it('passes the payments throttle through as RATE_LIMITED with retryAfter and a Retry-After header', async () => {
    const reader = await signIn('CUSTOMER');
    const pay = () =>
      gql(app.routerUrl, 'mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { id } }', { i: { orderId: randomUUID(), method: 'PAYPAL' }, k: randomUUID() }, { token: reader.token });
    for (let i = 0; i < 60; i++) expect((await pay()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const over = await pay();
    expect(over.errors).toEqual([{ message: expect.any(String), path: ['payOrder'], extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } }]);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.status).toBe(429);
  });

  it('passes the sign-up throttle through as RATE_LIMITED (the eleventh register from one address in an hour)', async () => {
    const register = (n: number) =>
      gql(app.routerUrl, 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', { i: { email: `edge${n}@example.com`, username: `edge_${n}`, password: `a long unusual passphrase ${n}` } });
    for (let n = 0; n < 10; n++) expect((await register(n)).errors).toBeUndefined();
    const over = await register(10);
    expect(over.errors?.[0]).toMatchObject({ path: ['register'], extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
