import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, isKnownErrorCode, ROUTER_SECRET_HEADER } from '@bookstore/kit';
import { gql } from '@bookstore/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// 10,000 generated and mutated requests to the router and to every subgraph directly (with and
// without the router's secret): every answer must be a 4xx or a GraphQL error with a code from
// the closed list, never a 5xx, and every process must still answer afterwards.
const SECRET = 'fuzz-secret-fuzz-secret-fuzz-secret-fuzz';
const TOTAL = 10_000;
const CONCURRENCY = 32;

let app: Embedded;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fuzz-'));
  const zero = { PORT: '0', USERS_PORT: '0', CATALOG_PORT: '0', ORDERS_PORT: '0', PAYMENTS_PORT: '0', REVIEWS_PORT: '0', LOANS_PORT: '0', SUMMARIES_PORT: '0', METRICS_PORT: '0' };
  app = await startEmbedded(loadConfig({ ...zero, DATA_DIR: dataDir, SUBGRAPH_SECRET: SECRET, REQUESTS_PER_MINUTE: '1000000' }), createLogger('fuzz', 'silent'));
});
afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A small deterministic PRNG (mulberry32), so a failing request can be reproduced from its index. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  '{ books(first: 3) { edges { node { id title price { amount } } } } }',
  'query($id: ID!) { book(id: $id) { title } }',
  'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
  'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
  'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
  '{ me { id orders { totalCount } } }',
  '{ _service { sdl } }',
  'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
  '{ categories { id name } authors(first: 2) { edges { node { name } } } }',
  'mutation { summarizeText(content: "Hello world. Another sentence.") }',
];
const WEIRD_VALUES: unknown[] = [null, true, -1, 0, 1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER, 'x'.repeat(100_000), '💥'.repeat(1000), '"; drop table users; --', [], {}, [[[]]], { __proto__: { admin: true } }, 'a\u0000b'];

interface Sample {
  method: 'GET' | 'POST';
  contentType?: string;
  body?: string;
  search?: string;
  secret: boolean;
}

function sample(index: number): Sample {
  const r = random(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const secret = r() < 0.7;
  const valid = pick(VALID);
  switch (Math.floor(r() * 11)) {
    case 0: // malformed JSON
      return { method: 'POST', contentType: 'application/json', body: pick(['{', '{"query":', 'nul', '[1,2', '{"query": "{ books }"', '\u0000\u0001', '']), secret };
    case 1: // wrong content types
      return { method: 'POST', contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/graphql', undefined]), body: JSON.stringify({ query: valid }), secret };
    case 2: // deep documents
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: `{ ${'books { edges { node { authors { '.repeat(1 + Math.floor(r() * 60))}id${' } } } }'.repeat(1)} }` }), secret };
    case 3: // wide documents
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: `{ ${Array.from({ length: 1 + Math.floor(r() * 3000) }, (_, i) => `a${i}: __typename`).join(' ')} }` }), secret };
    case 4: // huge strings and numbers as variables
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: valid, variables: { id: pick(WEIRD_VALUES), i: pick(WEIRD_VALUES), r: pick(WEIRD_VALUES) } }), secret };
    case 5: // unknown fields and types
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: pick(['{ nope }', '{ books { nope } }', 'mutation { deleteEverything }', 'subscription { orderUpdated(orderId: 1) { id } }', '{ __schema { types { name } } }']) }), secret };
    case 6: { // random byte mutations of a valid document
      const chars = [...valid];
      for (let i = 0; i < 1 + Math.floor(r() * 5); i++) chars.splice(Math.floor(r() * chars.length), Math.floor(r() * 3), String.fromCharCode(Math.floor(r() * 127)));
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: chars.join('') }), secret };
    }
    case 7: // invalid variables and shapes
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify(pick([{ query: valid, variables: 'not-an-object' }, { query: 42 }, { variables: {} }, { query: valid, operationName: 123 }, [{ query: valid }], { query: valid, extensions: { persistedQuery: { version: 1, sha256Hash: 'zz' } } }])), secret };
    case 8: // GET with odd parameters
      return { method: 'GET', search: `?query=${encodeURIComponent(pick([valid, '{', 'mutation { logout(refreshToken: "x") }']))}&variables=${encodeURIComponent(pick(['{', '[]', '{"id":1}']))}`, secret };
    case 9: // oversized bodies, now and then
      return r() < 0.05
        ? { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: `{ books { edges { node { id } } } } # ${'x'.repeat(2 * 1024 * 1024 + 10)}` }), secret }
        : { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: valid, variables: { i: { login: 'x', password: 'y'.repeat(Math.floor(r() * 5000)) } } }), secret };
    default: // valid requests, so real resolvers run under the noise
      return { method: 'POST', contentType: 'application/json', body: JSON.stringify({ query: valid, variables: { id: '00000000-0000-4000-8000-000000000000', r: [{ __typename: 'Book', id: 'x' }], i: { login: 'reader', password: 'wrong' } } }), secret };
  }
}

async function send(base: string, s: Sample): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {};
  if (s.contentType) headers['content-type'] = s.contentType;
  if (s.secret) headers[ROUTER_SECRET_HEADER] = SECRET;
  const response = await fetch(`${base}${s.search ?? ''}`, { method: s.method, headers, ...(s.method === 'POST' ? { body: s.body ?? '' } : {}) });
  return { status: response.status, body: await response.text() };
}

/** A 4xx, or a GraphQL answer whose every error has a code from the closed list. */
function acceptable(answer: { status: number; body: string }): boolean {
  if (answer.status >= 400 && answer.status < 500) return true;
  if (answer.status !== 200) return false;
  try {
    const json = JSON.parse(answer.body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (json.errors ?? []).every((error) => isKnownErrorCode(error.extensions?.code));
  } catch {
    return false;
  }
}

describe('fuzzing', () => {
  it(`answers ${TOTAL} malformed, hostile and mutated requests with 4xx or coded errors, and stays up`, async () => {
    const targets = [`${app.routerUrl}/graphql`, ...Object.values(app.subgraphUrls)];
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const index = next++;
        const target = targets[index % targets.length]!;
        const s = sample(index);
        const answer = await send(target, s);
        if (!acceptable(answer) && failures.length < 10) failures.push(`#${index} ${target} -> ${answer.status} ${answer.body.slice(0, 300)} SAMPLE ${JSON.stringify({ ...s, body: s.body?.slice(0, 200) })}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures).toEqual([]);
    for (const target of targets) expect((await fetch(target.replace(/\/graphql$/, '/health'))).status).toBe(200);
    expect((await gql(app.routerUrl, '{ books(first: 1) { totalCount } }')).data?.books.totalCount).toBeGreaterThan(0);
  }, 240_000);
});
