import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { RateLimitedError, UnauthenticatedError, type RequestContext, type TokenVerifier } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '@bookstore/subgraph-runtime';
import { createTestIssuer, gql, type TestIssuer } from '@bookstore/testing';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/router.js';

// The error contract across the router (DESIGN.md, "Errors across the router"), on a small
// supergraph of two test subgraphs over real HTTP: coded subgraph errors keep their code, message,
// path and safe extensions; nothing internal reaches a client; whatever is nulled is reported.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const deskSdl = `${link}
  type Query { ok: String  limited: String  crash: String  thing(id: ID!): Thing  things: [Thing!]! }
  type Mutation { pay(key: String!): Receipt! }
  type Subscription { thingChanged: Thing! }
  type Receipt { key: String! }
  type Thing @key(fields: "id") { id: ID! }`;
const namesSdl = `${link}
  type Query { hello: String }
  type Thing @key(fields: "id") { id: ID! name: String! }`;

const SECRET = 'the-router-secret-the-router-secret-42';
const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
let issuer: TestIssuer;
let desk: SubgraphServer;
let names: SubgraphServer;
let dir: string;
const routers: Router[] = [];

/** The desk subgraph's own check of the token: the router let it through, the subgraph finds it expired. */
const deskVerifier = (): TokenVerifier => async (token) => {
  const credentials = await issuer.verifyToken(token);
  if (credentials.viewer.id === 'expiring') throw new UnauthenticatedError('The access token has expired; refresh it and try again.', 401);
  return credentials;
};

function subgraph(name: string, typeDefs: string, resolvers: Record<string, unknown>, options: { verifyToken?: TokenVerifier; routerSecret?: string } = {}): SubgraphServer {
  return createSubgraphServer(
    { name, typeDefs: parse(typeDefs), resolvers: resolvers as never, createContext: (base: RequestContext) => base },
    { verifyToken: options.verifyToken ?? issuer.verifyToken, logger, production: false, routerSecret: options.routerSecret },
  );
}

const urlOf = (server: SubgraphServer) => (server.service.phase.phase === 'serving' ? `${server.service.phase.url}/graphql` : '');

async function startRouter(options: { production?: boolean; subgraphSecret?: string; namesOnly?: boolean } = {}): Promise<string> {
  const services = [
    { name: 'desk', url: 'http://unused/graphql', typeDefs: parse(deskSdl) },
    { name: 'names', url: 'http://unused/graphql', typeDefs: parse(namesSdl) },
  ];
  // namesOnly: a supergraph with neither Mutation nor Subscription.
  const composed = composeServices(options.namesOnly ? services.slice(1) : services);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const path = join(dir, `supergraph-${routers.length}.graphql`);
  await writeFile(path, composed.supergraphSdl);
  const router = createRouter({
    supergraphPath: path,
    subgraphUrls: { desk: urlOf(desk), names: urlOf(names) },
    verifyToken: issuer.verifyToken,
    logger,
    production: options.production ?? false,
    subgraphSecret: options.subgraphSecret,
  });
  routers.push(router);
  return router.listen(0);
}

let paid: string[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer();
  dir = await mkdtemp(join(tmpdir(), 'router-errors-'));
  desk = subgraph(
    'desk',
    deskSdl,
    {
      Query: {
        ok: () => 'fine',
        limited: () => {
          throw new RateLimitedError('Slow down.', 30);
        },
        crash: () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:5432 at db.internal');
        },
        thing: (_: unknown, { id }: { id: string }) => ({ id }),
        things: () => [{ id: '1' }, { id: 'ghost' }],
      },
      Mutation: {
        pay: (_: unknown, { key }: { key: string }) => {
          paid.push(key);
          return { key };
        },
      },
      Subscription: {
        thingChanged: {
          // One event about a thing the names subgraph does not know, then the stream stays open.
          subscribe: async function* () {
            yield { thingChanged: { id: 'ghost' } };
            await new Promise(() => undefined);
          },
        },
      },
    },
    { verifyToken: deskVerifier() },
  );
  names = subgraph('names', namesSdl, {
    Query: { hello: () => 'hello' },
    // A reference this subgraph does not know: `null`, which `name: String!` cannot be.
    Thing: { __resolveReference: (ref: { id: string }) => (ref.id === 'ghost' ? null : { id: ref.id, name: `Thing ${ref.id}` }) },
  });
  await Promise.all([desk.listen(0), names.listen(0)]);
});

afterAll(async () => {
  for (const router of routers) await router.stop();
  await Promise.all([desk?.stop(), names?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Extension keys a client may see on any error (DESIGN.md: code, retryAfter, field, reason; requestId on masked errors). */
const SAFE_EXTENSIONS = new Set(['code', 'retryAfter', 'field', 'reason', 'requestId']);

function expectNothingInternal(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/stacktrace|serviceName|"response"|127\.0\.0\.1|ECONNREFUSED|db\.internal|HTTP 4\d\d/);
  for (const error of (body as { errors?: { extensions?: Record<string, unknown> }[] }).errors ?? []) {
    expect(Object.keys(error.extensions ?? {}).filter((key) => !SAFE_EXTENSIONS.has(key))).toEqual([]);
  }
}

describe.each([
  ['development', false],
  ['production', true],
])('errors through the router (%s)', (_mode, production) => {
  let url: string;
  beforeAll(async () => {
    url = await startRouter({ production });
  });

  it("passes a subgraph's RATE_LIMITED through with retryAfter and a Retry-After header, and keeps sibling fields' data", async () => {
    const res = await gql(url, '{ ok limited hello }');
    expect(res.data).toEqual({ ok: 'fine', limited: null, hello: 'hello' });
    expect(res.errors).toEqual([{ message: 'Slow down.', path: ['limited'], extensions: { code: 'RATE_LIMITED', retryAfter: 30 } }]);
    expect(res.headers.get('retry-after')).toBe('30');
    expectNothingInternal(res);
  });

  it('passes UNAUTHENTICATED through when a subgraph finds the token expired, without the subgraph URL or body', async () => {
    const res = await gql(url, '{ ok }', {}, { token: await issuer.sign('expiring') });
    expect(res.errors).toEqual([expect.objectContaining({ message: 'The access token has expired; refresh it and try again.', extensions: { code: 'UNAUTHENTICATED' } })]);
    expectNothingInternal(res);
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with the request id the log has', async () => {
    const res = await gql(url, '{ ok crash }');
    expect(res.data).toEqual({ ok: 'fine', crash: null });
    const requestId = res.headers.get('x-request-id');
    expect(res.errors).toEqual([{ message: 'Internal server error.', path: ['crash'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
    expectNothingInternal(res);
    expect(logLines.some((line) => line.includes(requestId!) && line.includes('ECONNREFUSED'))).toBe(true);
  });

  it('reports in errors, with its path, a field the gateway nulls because a subgraph could not complete it', async () => {
    const res = await gql(url, '{ thing(id: "ghost") { id name } ok }');
    expect(res.data).toEqual({ thing: null, ok: 'fine' });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['thing', 'name'], extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
    expectNothingInternal(res);
  });

  it('reports, on a subscription event, a field the gateway nulls, instead of a bare null', async () => {
    const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const first = await new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query: 'subscription { thingChanged { id name } }' }, { next: resolve, error: reject, complete: () => reject(new Error('completed')) });
      });
      expect(first).toEqual({ data: null, errors: [expect.objectContaining({ path: ['thingChanged', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^subscription-event-/) } })] });
      expectNothingInternal(first);
    } finally {
      await client.dispose();
    }
  });

  it('runs a mutation and reports its data', async () => {
    paid = [];
    const res = await gql(url, 'mutation { a: pay(key: "1") { key } b: pay(key: "2") { key } }');
    expect(res.data).toEqual({ a: { key: '1' }, b: { key: '2' } });
    expect(paid).toEqual(['1', '2']);
  });
});

describe('request errors at the router', () => {
  let url: string;
  beforeAll(async () => {
    url = await startRouter();
  });
  const post = async (body: string) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
  };
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');

  it.each([
    ['several operations without operationName', { query: 'query A { ok } query B { hello }' }, 'BAD_REQUEST', /operationName/],
    ['an unknown operationName', { query: 'query A { ok }', operationName: 'Nope' }, 'BAD_REQUEST', /Nope/],
    ['an APQ hash that does not match the query', { query: '{ ok }', extensions: { persistedQuery: { version: 1, sha256Hash: hash('{ hello }') } } }, 'BAD_REQUEST', /hash/i],
    ['an APQ hash of an unknown query', { extensions: { persistedQuery: { version: 1, sha256Hash: hash('{ unknown }') } } }, 'PERSISTED_QUERY_NOT_FOUND', /./],
    ['APQ version 2', { query: '{ ok }', extensions: { persistedQuery: { version: 2, sha256Hash: hash('{ ok }') } } }, 'PERSISTED_QUERY_NOT_SUPPORTED', /version/i],
  ])('answers %s with 400 and its code', async (_label, body, code, message) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expectNothingInternal(res.body);
  });

  it.each([
    ['mutation', 'mutation { hello }'],
    ['subscription', 'subscription { hello }'],
  ])('answers a %s sent to a supergraph without that root type with 400 GRAPHQL_VALIDATION_FAILED', async (kind, query) => {
    const namesOnly = await startRouter({ namesOnly: true });
    const response = await fetch(`${namesOnly}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toBe(`The supergraph has no ${kind} type.`);
    expectNothingInternal(body);
  });

  it('answers variables nested 100,000 deep with 400 BAD_REQUEST, and keeps serving', async () => {
    const depth = 100_000;
    const res = await post(`{"query":"query($x: [ID]) { ok }","variables":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((await gql(url, '{ ok }')).data).toEqual({ ok: 'fine' });
  });
});

describe('a subgraph that refuses the router', () => {
  it('is an INTERNAL_SERVER_ERROR for the client and a log line naming the subgraph and SUBGRAPH_SECRET for the operator', async () => {
    const guarded = subgraph('desk', deskSdl, { Query: { ok: () => 'fine' } }, { routerSecret: SECRET });
    await guarded.listen(0);
    const original = desk;
    desk = guarded;
    try {
      const url = await startRouter({ subgraphSecret: 'a-different-secret-a-different-secret-1' });
      const res = await gql(url, '{ ok hello }');
      expect(res.data).toEqual({ ok: null, hello: 'hello' });
      const requestId = res.headers.get('x-request-id');
      // A failed fetch has no single field's path: the fields it would have fetched are null.
      expect(res.errors).toEqual([{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
      expectNothingInternal(res);
      expect(logLines.some((line) => line.includes(requestId!) && line.includes('SUBGRAPH_SECRET') && line.includes('desk'))).toBe(true);
    } finally {
      desk = original;
      await guarded.stop();
    }
  });
});
