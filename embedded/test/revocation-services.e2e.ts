import { randomUUID } from 'node:crypto';
import { ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { createTestDatabase, errorCode, gql, testConfig, type GraphQLResponse, type TestDatabase } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ServicesStack, type RunningService } from './services.js';

// Revoked access tokens in services mode, as operators run it: users, catalog and the router as
// their own processes, each polling users' revocation list (the router and catalog at the
// default URL beside JWKS_URL, with the router's secret; users from its database). A demoted
// LIBRARIAN's old token is refused by all three; with users gone, they keep refusing it.
const SECRET = `services-revocation-secret-${randomUUID()}`;
const REVOKED = 'The access token was revoked; sign in again.';

let database: TestDatabase;
let stack: ServicesStack;
let users: RunningService;
let catalog: RunningService;
let router: RunningService;

beforeAll(async () => {
  database = await createTestDatabase('revocation');
  stack = new ServicesStack({ databaseUrl: database.url, redisUrl: testConfig.redisUrl });
  Object.assign(stack.env, { SUBGRAPH_SECRET: SECRET, REVOCATIONS_POLL_MS: '200' });
  users = await stack.startUsers();
  catalog = await stack.start('catalog');
  router = await stack.start('router', { SUBGRAPH_URLS: `users=${users.url}/graphql,catalog=${catalog.url}/graphql` });
}, 120_000);

afterAll(async () => {
  await stack?.stopAll();
  await database?.drop();
});

const outcome = (response: GraphQLResponse) => ({ code: errorCode(response), status: response.status, message: response.errors?.[0]?.message });
const createCategory = (url: string, token: string, headers: Record<string, string> = {}) =>
  gql(url, 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', { i: { name: `Shelf ${randomUUID().slice(0, 8)}` } }, { token, headers });
const session = async (login: string, password: string) =>
  (await gql(router.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { id } } }', { i: { login, password } })).data!.login as {
    accessToken: string;
    refreshToken: string;
    user: { id: string };
  };

describe('revoked access tokens across processes', () => {
  it("refuses a demoted LIBRARIAN's old token at the router, the catalog and users, and keeps refusing it while users is down", async () => {
    const admin = (await session(ADMIN.email, ADMIN.password)).accessToken;
    const password = 'a shelf of quiet evenings 8';
    const name = `desk_${randomUUID().slice(0, 8)}`;
    const registered = await gql(router.url, 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', { i: { email: `${name}@example.com`, username: name, password } });
    const id = registered.data!.register.user.id as string;
    const setRole = (role: string) => gql(router.url, 'mutation($u: ID!, $r: Role!) { setUserRole(userId: $u, role: $r) { role } }', { u: id, r: role }, { token: admin });
    expect((await setRole('LIBRARIAN')).data?.setUserRole.role).toBe('LIBRARIAN');
    const librarian = await session(name, password);
    expect((await createCategory(router.url, librarian.accessToken)).errors).toBeUndefined();

    expect((await setRole('CUSTOMER')).data?.setUserRole.role).toBe('CUSTOMER');
    const revoked = { code: 'UNAUTHENTICATED', status: 401, message: REVOKED };
    await expect.poll(async () => outcome(await createCategory(router.url, librarian.accessToken)), { timeout: 20_000, interval: 200 }).toEqual(revoked);
    // Each subgraph checks again (defence in depth), with its own copy of the list.
    const fromRouter = { [ROUTER_SECRET_HEADER]: SECRET };
    await expect.poll(async () => outcome(await createCategory(catalog.url, librarian.accessToken, fromRouter)), { timeout: 20_000, interval: 200 }).toEqual(revoked);
    await expect.poll(async () => outcome(await gql(users.url, '{ me { role } }', {}, { token: librarian.accessToken, headers: fromRouter })), { timeout: 20_000, interval: 200 }).toEqual(revoked);

    const refreshed = (await gql(router.url, 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: librarian.refreshToken })).data!.refreshToken.accessToken as string;
    expect(errorCode(await createCategory(router.url, refreshed))).toBe('FORBIDDEN');

    // users goes away: the router and the catalog keep the last list, and say so once.
    await users.child.stop();
    await router.child.waitFor(/cannot load the revocation list; keeping the last one/, 20_000);
    await catalog.child.waitFor(/cannot load the revocation list; keeping the last one/, 20_000);
    expect(outcome(await createCategory(router.url, librarian.accessToken))).toEqual(revoked);
    expect(outcome(await createCategory(catalog.url, librarian.accessToken, fromRouter))).toEqual(revoked);
    expect(router.child.output().match(/cannot load the revocation list/g)).toHaveLength(1);
    expect(router.child.output()).not.toContain(users.url);
  });
});
