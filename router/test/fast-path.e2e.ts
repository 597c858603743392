import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ConflictError, ForbiddenError, NotFoundError, type RequestContext } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '@bookstore/subgraph-runtime';
import { createTestIssuer, type TestIssuer } from '@bookstore/testing';
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/router.js';

// The fast path (src/fast-path.ts) must answer exactly what @apollo/gateway answers: a corpus of
// federated queries runs through a router with it and one without, and every answer (status,
// headers, body with its errors) and every subgraph call must be the same.
const link = (imports: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])`;
const productsSdl = `${link('"@key", "@shareable"')}
  type Query {
    product(upc: ID!): Product
    products(first: Int = 2): [Product!]!
    media: [Media!]!
    search(text: String!): [SearchResult!]!
    forbidden: String
    missing: Product
    broken: [Product!]
    status: Status
  }
  type Mutation {
    count(key: String!): Tally!
    countAndRefuse(key: String!): Tally
    countProduct(key: String!, upc: ID!): Tally!
  }
  type Tally { calls: Int! product: Product }
  enum Status { ACTIVE RETIRED }
  interface Media { id: ID! title: String! }
  type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int }
  type Film implements Media @key(fields: "id") { id: ID! title: String! minutes: Int }
  union SearchResult = Book | Film
  type Product @key(fields: "upc") { upc: ID! name: String! price: Int weight: Int }`;
const inventorySdl = `${link('"@key", "@external", "@requires"')}
  type Product @key(fields: "upc") {
    upc: ID!
    price: Int @external
    weight: Int @external
    shippingEstimate: Int @requires(fields: "price weight")
    inStock: Boolean
  }`;
const reviewsSdl = `${link('"@key", "@external", "@provides"')}
  type Query { topReviews(first: Int): [Review!]! }
  type Review { id: ID! body: String! author: User @provides(fields: "name") product: Product }
  type User @key(fields: "id") { id: ID! name: String @external }
  type Product @key(fields: "upc") { upc: ID! reviews: [Review!]! }`;
const usersSdl = `${link('"@key", "@shareable"')}
  type Query { me: User }
  type User @key(fields: "id") { id: ID! name: String @shareable secret: String }`;

const PRODUCTS = [
  { upc: '1', name: 'Table', price: 899, weight: 100 },
  { upc: '2', name: 'Couch', price: 1299, weight: 1000 },
  { upc: '3', name: 'Chair', price: 54, weight: 50 },
];
const REVIEWS = [
  { id: 'r1', body: 'Love it', author: { id: 'u1', name: 'Ada' }, product: { upc: '1' } },
  { id: 'r2', body: 'Too soft', author: { id: 'u2', name: 'Brian' }, product: { upc: '2' } },
  { id: 'r3', body: 'Meh', author: { id: 'ghost', name: 'Nobody' }, product: { upc: '3' } },
];
const MEDIA = [
  { __typename: 'Book', id: 'b1', title: 'Dune', pages: 412 },
  { __typename: 'Film', id: 'f1', title: 'Alien', minutes: 117 },
];

/** Times each key was counted by the products subgraph's mutations: a mutation run twice counts twice. */
const tallies = new Map<string, number>();
function tally(key: string, upc?: string) {
  const calls = (tallies.get(key) ?? 0) + 1;
  tallies.set(key, calls);
  return { calls, product: PRODUCTS.find((product) => product.upc === upc) ?? null };
}

const logger = pino({ level: 'silent' });
let issuer: TestIssuer;
let dir: string;
const subgraphs: Record<string, SubgraphServer> = {};
/** Requests each subgraph received, by name. */
const calls: Record<string, number> = {};
let withFastPath: Router;
let without: Router;
let gatewayExecutor: Router;
let fastUrl: string;
let gatewayUrl: string;

function subgraph(name: string, typeDefs: string, resolvers: Record<string, unknown>): SubgraphServer {
  calls[name] = 0;
  return createSubgraphServer(
    {
      name,
      typeDefs: parse(typeDefs),
      resolvers: resolvers as never,
      createContext: (base: RequestContext) => {
        calls[name]! += 1;
        return base;
      },
    },
    { verifyToken: issuer.verifyToken, logger, production: false },
  );
}

const urlOf = (server: SubgraphServer) => (server.service.phase.phase === 'serving' ? `${server.service.phase.url}/graphql` : '');

beforeAll(async () => {
  issuer = await createTestIssuer();
  dir = await mkdtemp(join(tmpdir(), 'router-fast-path-'));
  const product = (upc: string) => PRODUCTS.find((p) => p.upc === upc);
  subgraphs['products'] = subgraph('products', productsSdl, {
    Query: {
      product: (_: unknown, { upc }: { upc: string }) => product(upc) ?? null,
      products: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first),
      media: () => MEDIA,
      search: (_: unknown, { text }: { text: string }) => MEDIA.filter((m) => m.title.toLowerCase().includes(text.toLowerCase())),
      forbidden: () => {
        throw new ForbiddenError('Not yours to see.');
      },
      missing: () => {
        throw new NotFoundError('No such product.');
      },
      // A product without its non-null name: the subgraph nulls the list and says where.
      broken: () => [PRODUCTS[0], { upc: '9', name: null }],
      status: () => 'ACTIVE',
    },
    Mutation: {
      count: (_: unknown, { key }: { key: string }) => tally(key),
      countAndRefuse: (_: unknown, { key }: { key: string }) => {
        tally(key);
        throw new ConflictError('Counted, then refused.');
      },
      countProduct: (_: unknown, { key, upc }: { key: string; upc: string }) => tally(key, upc),
    },
    Media: { __resolveType: (m: { __typename: string }) => m.__typename },
    SearchResult: { __resolveType: (m: { __typename: string }) => m.__typename },
    Product: { __resolveReference: (ref: { upc: string }) => product(ref.upc) ?? null },
  });
  subgraphs['inventory'] = subgraph('inventory', inventorySdl, {
    Product: {
      __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: ref.upc !== '2' }),
      shippingEstimate: (p: { price: number; weight: number }) => (p.price > 1000 ? 0 : Math.round(p.weight / 2)),
    },
  });
  subgraphs['reviews'] = subgraph('reviews', reviewsSdl, {
    Query: { topReviews: (_: unknown, { first }: { first?: number }) => REVIEWS.slice(0, first ?? REVIEWS.length) },
    Product: { __resolveReference: (ref: { upc: string }) => ref, reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.product.upc === p.upc) },
  });
  subgraphs['users'] = subgraph('users', usersSdl, {
    Query: { me: () => ({ id: 'u1', name: 'Ada' }) },
    User: {
      __resolveReference: (ref: { id: string }) => (ref.id === 'ghost' ? null : { id: ref.id, name: ref.id === 'u1' ? 'Ada' : 'Brian' }),
      secret: (user: { id: string }) => {
        if (user.id !== 'u1') throw new ForbiddenError("Another user's secret.");
        return 'swordfish';
      },
    },
  });
  await Promise.all(Object.values(subgraphs).map((s) => s.listen(0)));
  const composed = composeServices(
    Object.entries({ products: productsSdl, inventory: inventorySdl, reviews: reviewsSdl, users: usersSdl }).map(([name, sdl]) => ({ name, url: 'http://unused/graphql', typeDefs: parse(sdl) })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const path = join(dir, 'supergraph.graphql');
  await writeFile(path, composed.supergraphSdl);
  const options = {
    supergraphPath: path,
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, server]) => [name, urlOf(server)])),
    verifyToken: issuer.verifyToken,
    logger,
    production: true,
    deduplicateQueries: false,
  };
  withFastPath = createRouter({ ...options, fastPath: true });
  without = createRouter({ ...options, fastPath: false });
  gatewayExecutor = createRouter({ ...options, fastPath: true, planExecutor: 'gateway' });
  fastUrl = `${await withFastPath.listen(0)}/graphql`;
  gatewayUrl = `${await without.listen(0)}/graphql`;
});

afterAll(async () => {
  await withFastPath?.stop();
  await without?.stop();
  await gatewayExecutor?.stop();
  await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Whether the fast path answers it alone (false: the gateway answers, through a replay or Apollo Server). */
  fast: boolean;
}

const CORPUS: Case[] = [
  { name: 'one subgraph, passed through', query: '{ products { upc name price } }', fast: true },
  { name: 'variables and a default value', query: 'query P($first: Int) { products(first: $first) { upc name } }', variables: { first: 3 }, fast: true },
  { name: 'a variable left to its default', query: 'query P($first: Int = 1) { products(first: $first) { name } }', fast: true },
  { name: 'aliases', query: '{ a: product(upc: "1") { n: name } b: product(upc: "2") { name cost: price } }', fast: true },
  { name: 'a null root field', query: '{ product(upc: "404") { upc name } }', fast: true },
  { name: '__typename on an object', query: '{ product(upc: "1") { __typename upc } }', fast: true },
  { name: '__typename at the root', query: '{ __typename products { upc } }', fast: true },
  { name: 'an enum', query: '{ status }', fast: true },
  { name: 'an interface with fragments', query: '{ media { __typename id title ... on Book { pages } ... on Film { minutes } } }', fast: true },
  { name: 'a union with named fragments', query: 'query S($t: String!) { search(text: $t) { ...B ...F } } fragment B on Book { title pages } fragment F on Film { title minutes }', variables: { t: 'a' }, fast: true },
  { name: 'entities across subgraphs', query: '{ topReviews(first: 2) { id body product { upc name inStock reviews { id } } } }', fast: true },
  { name: '@requires', query: '{ products(first: 3) { upc shippingEstimate } }', fast: true },
  { name: '@provides', query: '{ topReviews(first: 2) { id author { id name } } }', fast: true },
  { name: '@skip and @include', query: 'query Q($yes: Boolean!, $no: Boolean!) { products { upc name @include(if: $yes) price @skip(if: $yes) reviews @include(if: $no) { id } } }', variables: { yes: true, no: false }, fast: true },
  { name: '@include on a whole subgraph', query: 'query Q($r: Boolean!) { products { upc reviews @include(if: $r) { body } } }', variables: { r: false }, fast: true },
  { name: 'a plan condition on a variable left to its default', query: 'query Q($r: Boolean = true) { products { upc reviews @include(if: $r) { id body } } }', fast: true },
  { name: 'the same field twice, its selections merged', query: '{ products { upc reviews { id } } products { name reviews { body } } }', fast: true },
  { name: 'an aliased __typename', query: '{ products { t: __typename upc } media { kind: __typename id } }', fast: true },
  { name: 'a fragment on the interface itself', query: '{ media { ... on Media { id title } ... on Book { pages } } }', fast: true },
  { name: 'a named fragment on the root type', query: 'query { ...Root } fragment Root on Query { status products(first: 1) { upc } }', fast: true },
  { name: 'a literal @skip and an @include on a fragment', query: 'query Q($no: Boolean!) { topReviews { id ... on Review @include(if: $no) { body } product { upc name @skip(if: true) } } }', variables: { no: false }, fast: true },
  { name: 'entities three subgraphs deep', query: '{ topReviews(first: 3) { product { name shippingEstimate inStock reviews { id author { id name } } } } }', fast: true },
  { name: 'a @skip variable that is not a boolean', query: 'query Q($s: Boolean) { products { upc name @skip(if: $s) } }', variables: { s: null }, fast: false },
  { name: 'an operation chosen by name', query: 'query A { products { upc } } query B { status }', operationName: 'B', fast: true },
  { name: 'a coded error at the root', query: '{ forbidden status }', fast: false },
  { name: 'a not-found error', query: '{ missing { upc } }', fast: false },
  { name: 'a non-null violation in a subgraph, with its path', query: '{ broken { upc name } }', fast: false },
  { name: 'an entity the next subgraph does not know', query: '{ topReviews { id author { id secret } } }', fast: false },
  { name: 'an error on an entity field, with its path', query: '{ topReviews(first: 2) { id author { id secret } } }', fast: false },
  { name: 'a variable of the wrong type', query: 'query P($first: Int) { products(first: $first) { upc } }', variables: { first: 'many' }, fast: false },
  { name: 'a missing required variable', query: 'query S($t: String!) { search(text: $t) { __typename } }', fast: false },
  { name: 'a validation error', query: '{ products { nope } }', fast: false },
  { name: 'a parse error', query: '{ products { upc }', fast: false },
  { name: 'an unknown operation name', query: 'query A { status }', operationName: 'B', fast: false },
  { name: 'introspection in production', query: '{ __schema { queryType { name } } }', fast: false },
  { name: 'a mutation field that does not exist', query: 'mutation { x }', fast: false },
];

interface MutationCase {
  name: string;
  /** Its variable `$k` is a key no other request uses (the tallies count per key). */
  query: string;
  variables?: Record<string, unknown>;
  /** How the fast path answers it: alone (passed through, or run by the gateway's executor), or not at all. */
  outcome: 'passed_through' | 'gateway_executed' | 'none';
}

const MUTATIONS: MutationCase[] = [
  { name: 'one mutation field, passed through', query: 'mutation C($k: String!) { count(key: $k) { calls } }', outcome: 'passed_through' },
  { name: 'two root fields, run in order', query: 'mutation C($k: String!) { first: count(key: $k) { calls } second: count(key: $k) { calls } }', outcome: 'passed_through' },
  { name: 'an answer needing another subgraph', query: 'mutation C($k: String!) { countProduct(key: $k, upc: "1") { calls product { upc name inStock } } }', outcome: 'gateway_executed' },
  { name: 'a coded error after the effect: replayed, not run again', query: 'mutation C($k: String!) { countAndRefuse(key: $k) { calls } }', outcome: 'none' },
  { name: 'a variable of the wrong type: nothing runs', query: 'mutation C($k: String!) { count(key: $k) { calls } }', variables: { k: 7 }, outcome: 'none' },
];

/** Both routers are sent the same request id, which masked errors carry. */
async function post(url: string, body: unknown, accept?: string): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'corpus', ...(accept ? { accept } : {}) }, body: JSON.stringify(body) });
  // Every header but the clock's.
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, headers, body: await response.json() };
}

async function fastPathCount(outcome: string): Promise<number> {
  const metric = await withFastPath.metrics.registry.getSingleMetric('router_fast_path_total')?.get();
  return metric?.values.find((value) => value.labels['outcome'] === outcome)?.value ?? 0;
}

/** Requests each subgraph received while `run` ran. */
async function callsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = { ...calls };
  await run();
  return Object.fromEntries(Object.entries(calls).map(([name, count]) => [name, count - before[name]!]));
}

describe('the fast path answers what the gateway answers', () => {
  it.each(CORPUS)('$name', async ({ query, variables, operationName, fast }) => {
    const body = { query, variables, operationName };
    let reference: Awaited<ReturnType<typeof post>> | undefined;
    const gatewayCalls = await callsDuring(async () => (reference = await post(gatewayUrl, body)));
    const answeredBefore = (await fastPathCount('executed')) + (await fastPathCount('passed_through'));
    // Twice: the first request prepares the operation, the second reuses it.
    for (let i = 0; i < 2; i++) {
      let answer: Awaited<ReturnType<typeof post>> | undefined;
      const fastCalls = await callsDuring(async () => (answer = await post(fastUrl, body)));
      expect(answer).toEqual(reference);
      expect(fastCalls).toEqual(gatewayCalls);
    }
    const answered = (await fastPathCount('executed')) + (await fastPathCount('passed_through')) - answeredBefore;
    expect(answered).toBe(fast ? 2 : 0);
    // Every query plan of the corpus is the router executor's: none needs the gateway's (no @defer, no rewrites).
    if (!query.startsWith('mutation')) expect(await fastPathCount('gateway_executed')).toBe(0);
  });

  it.each(MUTATIONS)('mutation: $name', async ({ name, query, variables, outcome }) => {
    const body = (k: string) => ({ query, variables: variables ?? { k } });
    let reference: Awaited<ReturnType<typeof post>> | undefined;
    const gatewayCalls = await callsDuring(async () => (reference = await post(gatewayUrl, body(`gateway ${name}`))));
    const before = { passed_through: await fastPathCount('passed_through'), gateway_executed: await fastPathCount('gateway_executed'), replayed: await fastPathCount('replayed') };
    for (let i = 0; i < 2; i++) {
      let answer: Awaited<ReturnType<typeof post>> | undefined;
      const key = `fast ${name} ${i}`;
      const fastCalls = await callsDuring(async () => (answer = await post(fastUrl, body(key))));
      expect(answer).toEqual(reference);
      expect(fastCalls).toEqual(gatewayCalls);
      // Run once per request: a key counted twice would be a mutation run again (a replay that fetched).
      if (!variables) expect(tallies.get(key)).toBe(tallies.get(`gateway ${name}`));
    }
    for (const counted of ['passed_through', 'gateway_executed'] as const) expect((await fastPathCount(counted)) - before[counted]).toBe(outcome === counted ? 2 : 0);
    if (name.includes('replayed')) expect((await fastPathCount('replayed')) - before.replayed).toBe(2);
  });

  it('passes a one-fetch query through and replays failed executions instead of fetching again', async () => {
    const passed = await fastPathCount('passed_through');
    const replayed = await fastPathCount('replayed');
    await post(fastUrl, { query: '{ products { upc name price } }' });
    await post(fastUrl, { query: '{ topReviews(first: 2) { id author { id secret } } }' });
    expect(await fastPathCount('passed_through')).toBe(passed + 1);
    expect(await fastPathCount('replayed')).toBe(replayed + 1);
  });

  it.each([
    ['Apollo Client', 'application/graphql-response+json,application/json;q=0.9', true],
    ['the storefront', 'application/graphql-response+json, application/json', true],
    ['anything', '*/*', true],
    ['no JSON at all', 'text/html', false],
  ])('negotiates the content type as Apollo Server does, for %s', async (_, accept, fast) => {
    const answered = async () => (await fastPathCount('executed')) + (await fastPathCount('passed_through'));
    const before = await answered();
    for (const query of ['{ products { upc name } }', '{ topReviews(first: 1) { id product { name } } }', '{ forbidden }']) {
      expect(await post(fastUrl, { query }, accept)).toEqual(await post(gatewayUrl, { query }, accept));
    }
    expect((await answered()) - before).toBe(fast ? 2 : 0);
  });

  it("runs plans with the gateway's executor when told to (PLAN_EXECUTOR=gateway), answering the same", async () => {
    const url = `${await gatewayExecutor.listen(0)}/graphql`;
    const body = { query: '{ topReviews(first: 2) { id product { upc name inStock } } }' };
    expect(await post(url, body)).toEqual(await post(fastUrl, body));
    const outcomes = await gatewayExecutor.metrics.registry.getSingleMetric('router_fast_path_total')?.get();
    expect(outcomes?.values.map(({ labels, value }) => [labels['outcome'], value])).toEqual([['gateway_executed', 1]]);
  });

  it('answers signed-in callers the same way, and refuses a bad token as the gateway does', async () => {
    const token = await issuer.sign('u1');
    for (const authorization of [`Bearer ${token}`, 'Bearer not-a-token']) {
      const request = { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ me { id name secret } }' }) };
      const [fast, gateway] = await Promise.all([fetch(fastUrl, request), fetch(gatewayUrl, request)]);
      expect(fast.status).toBe(gateway.status);
      expect(await fast.json()).toEqual(await gateway.json());
    }
  });
});
