import { errorCode, gql, useHarness } from '@bookstore/testing';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './test-app.js';

// The whole supergraph in services-mode storage: real PostgreSQL (a schema per subgraph) and
// real HTTP between the router and each subgraph, every server on a free port.
const app = useHarness(() => startTestApp('supergraph', { postgres: true }));

const login = async (login: string, password: string) => {
  const res = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { role } } }', { i: { login, password } });
  expect(res.errors).toBeUndefined();
  return res.data!.login.accessToken as string;
};

describe('the federated supergraph', () => {
  it("returns the signed-in user (users) and matching books (catalog) in one request", async () => {
    const registered = await gql(
      app.routerUrl,
      'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id username } } }',
      { i: { email: 'ann@example.com', username: 'ann_reader', password: 'correct horse battery staple', name: 'Ann' } },
    );
    expect(registered.errors).toBeUndefined();
    const token = registered.data!.register.accessToken as string;

    const res = await gql(
      app.routerUrl,
      `{ me { username role }
         books(filter: { search: "pride" }, first: 3) { totalCount edges { node { title authors { name } price { amount currency } } } } }`,
      {},
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toEqual({ username: 'ann_reader', role: 'CUSTOMER' });
    expect(res.data!.books.edges[0].node).toMatchObject({ title: 'Pride and Prejudice', authors: [{ name: 'Jane Austen' }], price: { currency: 'USD' } });
  });

  it('lets the demo librarian add a book that search then finds, and refuses a customer', async () => {
    const librarian = app.demoAccounts.find((a) => a.role === 'LIBRARIAN')!;
    const token = await login(librarian.username, librarian.password);
    const created = await gql(
      app.routerUrl,
      'mutation($i: CreateBookInput!) { createBook(input: $i) { id title price { amount } stock authors { name } } }',
      { i: { title: 'The Federated Lighthouse', authorNames: ['Ida Router'], price: '12.5', stock: 3 } },
      { token },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createBook).toMatchObject({ title: 'The Federated Lighthouse', price: { amount: '12.50' }, stock: 3, authors: [{ name: 'Ida Router' }] });

    const found = await gql(app.routerUrl, '{ books(filter: { search: "lighthouse router" }) { edges { node { id } } } }');
    expect(found.data!.books.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(created.data!.createBook.id);

    const reader = app.demoAccounts.find((a) => a.role === 'CUSTOMER')!;
    const refused = await gql(
      app.routerUrl,
      'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }',
      { i: { title: 'Nope', authorNames: ['X'], price: '1.00' } },
      { token: await login(reader.email, reader.password) },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
  });

  it('answers an invalid token at the router with UNAUTHENTICATED', async () => {
    const res = await gql(app.routerUrl, '{ me { id } }', {}, { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('limits operation depth before any subgraph is called', async () => {
    const deep = await gql(app.routerUrl, '{ books { edges { node { authors { books { edges { node { authors { books { edges { node { title } } } } } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
  });
});

describe('the trust boundary', () => {
  it('answers direct subgraph calls only with the router secret, and keeps health endpoints open', async () => {
    for (const url of Object.values(app.subgraphUrls)) {
      const direct = await gql(url, '{ _service { sdl } }');
      expect(direct.status).toBe(403);
      expect(errorCode(direct)).toBe('FORBIDDEN');
      const forged = await gql(url, '{ _service { sdl } }', {}, { headers: { 'x-router-secret': 'guessed-secret-guessed-secret-guessed' } });
      expect(forged.status).toBe(403);
      const base = url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
    }
    // The users subgraph's public keys stay public: other services verify tokens with them.
    expect((await fetch(app.subgraphUrls.users!.replace(/\/graphql$/, '/.well-known/jwks.json'))).status).toBe(200);
  });

  it('keeps _entities and _service out of the public API', async () => {
    const entities = await gql(app.routerUrl, '{ _service { sdl } }');
    expect(errorCode(entities)).toBe('GRAPHQL_VALIDATION_FAILED');
    const reps = await gql(app.routerUrl, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'User', id: '1' }] });
    expect(errorCode(reps)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
