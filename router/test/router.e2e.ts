import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { BadUserInputError, type RequestContext } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '@bookstore/subgraph-runtime';
import { createTestIssuer, errorCode, gql, unsignedToken, type TestIssuer } from '@bookstore/testing';
import { parse } from 'graphql';
import { auditServer } from 'graphql-http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router, type RouterOptions } from '../src/router.js';

// The router is general: these tests run it on a small supergraph of two test subgraphs, over
// real HTTP, and look at what each subgraph actually received.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const shelfSdl = `${link}
  type Query { shelf(id: ID!): Shelf  received: Received!  fail: String  crash: String }
  type Shelf @key(fields: "id") { id: ID! label: String! neighbour: Shelf }
  type Received { headers: String! viewer: String }`;
const stockSdl = `${link}
  type Shelf @key(fields: "id") { id: ID! count: Int! note: String }`;

// Log lines are captured so a test can wait for the router to have seen a file change.
const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
const calls: Record<string, number> = { shelf: 0, stock: 0 };
let issuer: TestIssuer;
let releaseNote: () => void = () => {};
let shelf: SubgraphServer;
let stock: SubgraphServer;
let router: Router;
let routerUrl: string;
let dir: string;
let supergraphPath: string;

function compose(shelfTypeDefs: string): string {
  const result = composeServices([
    { name: 'shelf', url: 'http://unused/graphql', typeDefs: parse(shelfTypeDefs) },
    { name: 'stock', url: 'http://unused/graphql', typeDefs: parse(stockSdl) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

function subgraph(name: string, typeDefs: string, resolvers: Record<string, unknown>): SubgraphServer {
  return createSubgraphServer(
    {
      name,
      typeDefs: parse(typeDefs),
      resolvers: resolvers as never,
      createContext: (base: RequestContext) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return base;
      },
    },
    { verifyToken: issuer.verifyToken, logger, production: false },
  );
}

beforeAll(async () => {
  issuer = await createTestIssuer();
  let lastHeaders: Record<string, unknown> = {};
  shelf = subgraph('shelf', shelfSdl, {
    Query: {
      shelf: (_: unknown, { id }: { id: string }) => ({ id, label: `Shelf ${id}` }),
      fail: () => {
        throw new BadUserInputError('shelf size must be positive.', 'size');
      },
      crash: () => {
        throw new Error('connect ECONNREFUSED 10.1.2.3:5432 at db.internal');
      },
      received: (_: unknown, __: unknown, ctx: RequestContext) => ({ headers: JSON.stringify(lastHeaders), viewer: ctx.viewer?.id ?? null }),
    },
  });
  // Capture the raw headers the shelf subgraph receives.
  shelf.service.httpServer.prependListener('request', (req) => {
    lastHeaders = req.headers;
  });
  stock = subgraph('stock', stockSdl, {
    Shelf: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id, count: 42 }),
      // Answers only when a test lets it: a subgraph that hangs.
      note: () => new Promise<string>((resolve) => (releaseNote = () => resolve('late'))),
    },
  });
  const [shelfUrl, stockUrl] = await Promise.all([shelf.listen(0), stock.listen(0)]);
  dir = await mkdtemp(join(tmpdir(), 'router-'));
  supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, compose(shelfSdl));
  router = createRouter({
    supergraphPath,
    subgraphUrls: { shelf: `${shelfUrl}/graphql`, stock: `${stockUrl}/graphql` },
    verifyToken: issuer.verifyToken,
    logger,
    production: false,
    // Armor's defaults except cost, lowered so the small test schema can exceed it.
    limits: { maxCost: 60 },
  });
  routerUrl = await router.listen(0);
});

afterAll(async () => {
  await router?.stop();
  await Promise.all([shelf?.stop(), stock?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A test subgraph's GraphQL endpoint while it serves ('' once stopped). */
const endpointOf = (s: SubgraphServer) => (s.service.phase.phase === 'serving' ? `${s.service.phase.url}/graphql` : '');

/**
 * A second router beside the suite's, with `options` (`prepare` may write files into its folder
 * first), over the shelf subgraph and a stock address nothing answers unless `options` say
 * otherwise; stopped and its folder removed once `run` is done.
 */
async function withRouter(prepare: (dir: string) => Partial<RouterOptions> | Promise<Partial<RouterOptions>>, run: (url: string, router: Router) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'router-extra-'));
  await writeFile(join(dir, 'supergraph.graphql'), compose(shelfSdl));
  const extra = createRouter({
    supergraphPath: join(dir, 'supergraph.graphql'),
    subgraphUrls: { shelf: endpointOf(shelf), stock: 'http://127.0.0.1:9/graphql' },
    verifyToken: issuer.verifyToken,
    logger,
    production: false,
    ...(await prepare(dir)),
  });
  try {
    await run(await extra.listen(0), extra);
  } finally {
    await extra.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('router', () => {
  it('answers identical queries in flight with one execution, and different callers separately', async () => {
    calls.stock = 0;
    const shared = () => router.metrics.registry.getSingleMetricAsString('router_inflight_shared_total').then((text) => Number(/ (\d+)$/m.exec(text)?.[1] ?? 0));
    const before = await shared();
    const query = '{ shelf(id: "7") { note } }';
    const first = gql(routerUrl, query);
    // Generous bounds: on a loaded machine the first request can take more than poll's default second to arrive.
    await expect.poll(() => calls.stock, { timeout: 10_000 }).toBe(1); // the stock subgraph is now holding the note
    const others = [gql(routerUrl, query), gql(routerUrl, query)];
    await expect.poll(shared, { timeout: 10_000 }).toBe(before + 2);
    releaseNote();
    for (const result of await Promise.all([first, ...others])) expect(result.data).toEqual({ shelf: { note: 'late' } });
    expect(calls.stock).toBe(1);
  });

  it('plans one query across two subgraphs and calls each once', async () => {
    calls.shelf = 0;
    calls.stock = 0;
    const res = await gql(routerUrl, '{ shelf(id: "7") { id label count } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ shelf: { id: '7', label: 'Shelf 7', count: 42 } });
    expect(calls).toEqual({ shelf: 1, stock: 1 });
  });

  it("passes a subgraph's coded error through with its code and message", async () => {
    const res = await gql(routerUrl, '{ fail }');
    expect(res.errors?.[0]).toMatchObject({ message: 'shelf size must be positive.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('masks an unexpected subgraph failure without leaking its internals', async () => {
    const res = await gql(routerUrl, '{ crash }');
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|db\.internal/);
  });

  it('forwards the token, request id and trace context, and never client-sent internal headers', async () => {
    const token = await issuer.sign('user-1');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await gql(routerUrl, '{ received { headers viewer } }', {}, {
      token,
      headers: {
        'x-request-id': 'req-123',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'x-router-secret': 'forged',
        'x-internal-user': 'admin',
        cookie: 'session=stolen',
      },
    });
    expect(res.errors).toBeUndefined();
    const received = JSON.parse(res.data!.received.headers) as Record<string, string>;
    expect(res.data!.received.viewer).toBe('user-1');
    expect(received.authorization).toBe(`Bearer ${token}`);
    expect(received['x-request-id']).toBe('req-123');
    expect(received.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(received.traceparent).not.toContain('00f067aa0ba902b7');
    expect(received).not.toHaveProperty('x-router-secret');
    expect(received).not.toHaveProperty('x-internal-user');
    expect(received).not.toHaveProperty('cookie');
    expect(res.headers.get('x-request-id')).toBe('req-123');
  });

  it('starts a trace and a request id when the client sends none', async () => {
    const res = await gql(routerUrl, '{ received { headers } }');
    const received = JSON.parse(res.data!.received.headers) as Record<string, string>;
    expect(received.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(received['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(received).not.toHaveProperty('authorization');
  });

  it.each([
    ['expired', () => issuer.sign('u', { expiresIn: -120 })],
    ['forged (another key)', async () => (await createTestIssuer()).sign('u')],
    ['alg none', async () => unsignedToken('u')],
    ['wrong audience', () => issuer.sign('u', { audience: 'someone-else' })],
    ['wrong issuer', () => issuer.sign('u', { issuer: 'evil' })],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects a %s token at the edge with 401 UNAUTHENTICATED', async (_label, makeToken) => {
    calls.shelf = 0;
    const res = await gql(routerUrl, '{ received { viewer } }', {}, { token: await makeToken() });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
    expect(calls.shelf).toBe(0);
  });

  it('accepts a token within the 60 s clock skew', async () => {
    const res = await gql(routerUrl, '{ received { viewer } }', {}, { token: await issuer.sign('u', { expiresIn: -30 }) });
    expect(res.data?.received.viewer).toBe('u');
  });

  it('rejects a malformed Authorization header', async () => {
    const res = await gql(routerUrl, '{ received { viewer } }', {}, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('answers /health and /ready, and serves the Sandbox landing page outside production', async () => {
    expect((await fetch(`${routerUrl}/health`)).status).toBe(200);
    expect((await fetch(`${routerUrl}/ready`)).status).toBe(200);
    const page = await fetch(`${routerUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
  });

  it.each([
    ['depth', `{ shelf(id: "1") { ${'neighbour { '.repeat(11)}id${' }'.repeat(11)} } }`, /depth/i],
    ['aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: received { viewer }`).join(' ')} }`, /alias/i],
    ['tokens', `{ received { ${'viewer '.repeat(1_000)}} }`, /too large/i],
    ['directives', `{ received { viewer ${'@include(if: true) '.repeat(51)}} }`, /directive/i],
    ['cost', `{ ${Array.from({ length: 10 }, (_, i) => `s${i}: shelf(id: "${i}") { id label count }`).join(' ')} }`, /cost/i],
  ])('rejects an operation over the %s limit before any subgraph is called', async (_limit, query, message) => {
    calls.shelf = 0;
    calls.stock = 0;
    const res = await gql(routerUrl, query);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.some((error) => message.test(error.message))).toBe(true);
    expect(calls).toEqual({ shelf: 0, stock: 0 });
  });

  it('rejects a body over 2 MB with 413', async () => {
    const res = await fetch(`${routerUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ received { viewer } } # ${'x'.repeat(2 * 1024 * 1024)}` }),
    });
    expect(res.status).toBe(413);
  });

  it('reloads the supergraph when the file changes, and keeps serving through a bad file', async () => {
    await writeFile(supergraphPath, compose(shelfSdl.replace('label: String!', '')));
    await expect.poll(async () => errorCode(await gql(routerUrl, '{ shelf(id: "1") { label } }')), { timeout: 10_000 }).toBe('GRAPHQL_VALIDATION_FAILED');
    const rejectedBefore = logLines.filter((line) => line.includes('new supergraph rejected')).length;
    await writeFile(supergraphPath, 'this is not a supergraph');
    await expect.poll(() => logLines.filter((line) => line.includes('new supergraph rejected')).length, { timeout: 10_000 }).toBe(rejectedBefore + 1);
    const res = await gql(routerUrl, '{ shelf(id: "2") { id count } }');
    expect(res.data).toEqual({ shelf: { id: '2', count: 42 } });
    expect(errorCode(await gql(routerUrl, '{ shelf(id: "1") { label } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

/** Operations counted under one `operation` label, whatever their type and outcome. */
async function operationCount(registry: Router['metrics']['registry'], operation: string): Promise<number> {
  const text = await registry.getSingleMetricAsString('graphql_operation_duration_seconds');
  const lines = text.split('\n').filter((line) => line.startsWith('graphql_operation_duration_seconds_count{') && line.includes(`operation="${operation}"`));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('metrics', () => {

  it('are not served on the public port', async () => {
    expect((await fetch(`${routerUrl}/metrics`)).status).toBe(404);
  });

  it('label an operation by its name only once the router has seen one of that name succeed; the rest count as "other"', async () => {
    const { registry } = router.metrics;
    const otherBefore = await operationCount(registry, 'other');
    // Never succeeded: a failing operation and a name the client made up for it.
    expect(errorCode(await gql(routerUrl, 'query Broken { fail }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(routerUrl, 'query Nosy_x1y2z3 { crash }'))).toBe('INTERNAL_SERVER_ERROR');
    expect(await operationCount(registry, 'Broken')).toBe(0);
    expect(await operationCount(registry, 'Nosy_x1y2z3')).toBe(0);
    expect(await operationCount(registry, 'other')).toBe(otherBefore + 2);
    // Succeeded once: labelled from then on, its failures too.
    expect((await gql(routerUrl, 'query Fine { shelf(id: "3") { id } }')).errors).toBeUndefined();
    expect(errorCode(await gql(routerUrl, 'query Fine { fail }'))).toBe('BAD_USER_INPUT');
    expect(await operationCount(registry, 'Fine')).toBe(2);
  });
});

describe('privacy', () => {
  it("turns off the gateway's usage telemetry and cloud-metadata probes", () => {
    // Set by createRouter before the gateway is built; the gateway reads it at construction.
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('true');
  });
});

describe('subscriptions through the router', () => {
  const tickSdl = `${link}
    type Query { shelf(id: ID!): Shelf }
    type Shelf @key(fields: "id") { id: ID! label: String! }
    type Subscription { shelfChanged: Shelf! }`;
  let ticks: SubgraphServer;
  let subRouter: Router;
  let subDir: string;
  let release: () => void = () => {};

  beforeAll(async () => {
    ticks = subgraph('shelf', tickSdl, {
      Subscription: {
        shelfChanged: {
          // One event, then the stream stays open until the subgraph goes away.
          subscribe: async function* () {
            yield { shelfChanged: { id: '9', label: 'Shelf 9' } };
            await new Promise<void>((resolve) => (release = resolve));
          },
        },
      },
      Shelf: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, label: `Shelf ${ref.id}` }) },
    });
    stock = stock ?? subgraph('stock', stockSdl, { Shelf: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, count: 42 }) } });
    const ticksUrl = await ticks.listen(0);
    const stockUrl = stock.service.phase.phase === 'serving' ? stock.service.phase.url : await stock.listen(0);
    subDir = await mkdtemp(join(tmpdir(), 'router-sub-'));
    const composed = composeServices([
      { name: 'shelf', url: 'http://unused/graphql', typeDefs: parse(tickSdl) },
      { name: 'stock', url: 'http://unused/graphql', typeDefs: parse(stockSdl) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    await writeFile(join(subDir, 'supergraph.graphql'), composed.supergraphSdl);
    subRouter = createRouter({
      supergraphPath: join(subDir, 'supergraph.graphql'),
      subgraphUrls: { shelf: `${ticksUrl}/graphql`, stock: `${stockUrl}/graphql` },
      verifyToken: issuer.verifyToken,
      logger,
      production: false,
      subscriptions: { upstreamRetryAttempts: 0, connectionInitWaitTimeoutMs: 200 },
    });
    await subRouter.listen(0);
  });

  afterAll(async () => {
    release();
    await subRouter?.stop();
    await ticks?.stop();
    if (subDir) await rm(subDir, { recursive: true, force: true });
  });

  it("enriches an event with another subgraph's fields, and ends with a clean error when the owning subgraph goes away", async () => {
    const url = subRouter.service.phase.phase === 'serving' ? subRouter.service.phase.url : '';
    const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const events: unknown[] = [];
    const ended = new Promise<{ error?: unknown }>((resolve) => {
      client.subscribe({ query: 'subscription { shelfChanged { id label count } }' }, { next: (v) => void events.push(v), error: (error) => resolve({ error }), complete: () => resolve({}) });
    });
    await expect.poll(() => events).toEqual([{ data: { shelfChanged: { id: '9', label: 'Shelf 9', count: 42 } } }]);
    release();
    await ticks.stop();
    // A coded, internals-free error result, then completion: never a socket left hanging.
    expect(await ended).toEqual({});
    expect(events.at(-1)).toEqual({ errors: [{ message: 'Updates are unavailable right now; subscribe again shortly.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    await client.dispose();
  });

  it('refuses a subscription over HTTP with 400, saying where it goes', async () => {
    const url = subRouter.service.phase.phase === 'serving' ? subRouter.service.phase.url : '';
    const res = await gql(url, 'subscription { shelfChanged { id } }');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
    expect(res.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('closes a socket that never sends connection_init (4408)', async () => {
    const url = subRouter.service.phase.phase === 'serving' ? subRouter.service.phase.url : '';
    const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4408);
  });
});

describe('client addresses behind a proxy', () => {
  it('passes X-Forwarded-For only from TRUSTED_PROXIES, and limits that client, not the proxy', async () => {
    await withRouter(() => ({ requestsPerMinute: 2, trustedProxies: ['127.0.0.0/8', '::1'] }), async (url) => {
      const receivedIp = async (forwardedFor: string) => {
        const res = await gql(url, '{ received { headers } }', {}, { headers: { 'x-forwarded-for': forwardedFor } });
        return res.status === 200 ? (JSON.parse(res.data!.received.headers) as Record<string, string>)['x-client-ip'] : res.status;
      };
      expect(await receivedIp('6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
      expect(await receivedIp('198.51.100.1')).toBe('198.51.100.1');
      expect(await receivedIp('198.51.100.1')).toBe(429); // that client's third request in the minute
      expect(await receivedIp('198.51.100.2')).toBe('198.51.100.2'); // another client behind the same proxy
      // The router without TRUSTED_PROXIES ignores the header.
      const res = await gql(routerUrl, '{ received { headers } }', {}, { headers: { 'x-forwarded-for': '198.51.100.1' } });
      expect((JSON.parse(res.data!.received.headers) as Record<string, string>)['x-client-ip']).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    });
  });
});

describe('the per-client rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the limit, before any subgraph is called', async () => {
    await withRouter(() => ({ requestsPerMinute: 3 }), async (url) => {
      for (let i = 0; i < 3; i++) expect((await gql(url, '{ received { viewer } }')).status).toBe(200);
      calls.shelf = 0;
      const over = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ received { viewer } }' }) });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await over.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(calls.shelf).toBe(0);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    });
  });
});

describe('subgraph timeouts', () => {
  it('answers with the other subgraphs\' data and a coded error for the slow one, never a hung request', async () => {
    await withRouter(() => ({ subgraphUrls: { shelf: endpointOf(shelf), stock: endpointOf(stock) }, subgraphTimeoutMs: 300 }), async (routerAt) => {
      try {
        const res = await gql(routerAt, '{ shelf(id: "5") { id label note } }');
        expect(res.status).toBe(200);
        expect(res.data).toEqual({ shelf: { id: '5', label: 'Shelf 5', note: null } });
        expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        releaseNote();
      }
    });
  });
});

describe('GraphQL over HTTP', () => {
  it("passes every MUST item of graphql-http's server audit", async () => {
    const results = await auditServer({ url: `${routerUrl}/graphql` });
    const failedMusts = results.filter((result) => result.name.startsWith('MUST') && result.status !== 'ok');
    expect(failedMusts.map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
    expect(results.filter((result) => result.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});

describe('production mode', () => {
  it('turns off introspection, field suggestions, the Sandbox page and stack traces, and hides limit values', async () => {
    await withRouter(() => ({ production: true }), async (url) => {
      const introspection = await gql(url, '{ __schema { types { name } } }');
      expect(errorCode(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await gql(url, '{ shelff(id: "1") { id } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
      expect(JSON.stringify(typo.errors)).not.toMatch(/stacktrace/);
      const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/sandbox/i);
      // Batching off, CSRF prevention on (Apollo Server's defaults, kept).
      const batch = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) });
      expect(batch.status).toBe(400);
      const simple = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);
      const deep = await gql(url, `{ shelf(id: "1") { ${'neighbour { '.repeat(11)}id${' }'.repeat(11)} } }`);
      expect(errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(deep.errors)).not.toMatch(/\b10\b|\b11\b/);
    });
  });
});

describe('persisted operations', () => {
  it('serves automatic persisted queries: an unknown hash first, then the hash alone', async () => {
    // (`label` is gone from this router's supergraph since the reload test.)
    const query = '{ shelf(id: "42") { id count } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const post = (body: object) =>
      fetch(`${routerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>,
      );
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect((await post({ extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data).toEqual({ shelf: { id: '42', count: 42 } });
    expect((await post({ extensions })).data).toEqual({ shelf: { id: '42', count: 42 } });
  });

  it('in safelist mode runs only the manifest\'s operations, over HTTP and WebSocket', async () => {
    const listed = '{ shelf(id: "7") { id label } }';
    const listedFailure = 'query ListedFailure { fail }';
    const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'x', name: 'Listed', type: 'query', body: listed }, { id: 'y', name: 'ListedFailure', type: 'query', body: listedFailure }] };
    const safelisted = async (dir: string) => {
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      return { safelistPath: join(dir, 'manifest.json') };
    };
    await withRouter(safelisted, async (url, strict) => {
      expect((await gql(url, listed)).data).toEqual({ shelf: { id: '7', label: 'Shelf 7' } });
      calls.shelf = 0;
      const other = await gql(url, '{ shelf(id: "8") { id label } }');
      expect(other.status).toBe(400);
      expect(errorCode(other)).toBe('FORBIDDEN');
      expect(calls.shelf).toBe(0);
      // A safelisted operation's name is a metric label even before it has ever succeeded.
      expect(errorCode(await gql(url, listedFailure))).toBe('BAD_USER_INPUT');
      expect(await operationCount(strict.metrics.registry, 'ListedFailure')).toBe(1);
      const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      const refused = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { shelfChanged { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
      });
      expect(refused).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
      await client.dispose();
    });
  });
});
