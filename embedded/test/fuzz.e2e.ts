import { createHash, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, ErrorCode, isKnownErrorCode, ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { gql, testConfig } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// 10,000 generated and mutated requests to the router and to every subgraph directly (with and
// without the router's secret, as nobody and as each role). Every request here is the client's
// doing, so every answer must be a 4xx, or a GraphQL answer whose every error has a client code
// from the closed list: never a 5xx, never INTERNAL_SERVER_ERROR, never an uncoded error. And
// every process must still answer afterwards.
//
// The suite's runs use one fixed seed, so CI is reproducible; FUZZ_SEED=random draws a new one
// (printed) to explore, and FUZZ_SEED=<seed> replays a run. A failure names its sample index and
// kind, so `sample(<seed>, <index>)` rebuilds the request.
const DEFAULT_SEED = 20_261_205;
const SEED = !testConfig.fuzzSeed ? DEFAULT_SEED : testConfig.fuzzSeed === 'random' ? randomInt(2 ** 31) : Number(testConfig.fuzzSeed);
const SECRET = 'fuzz-secret-fuzz-secret-fuzz-secret-fuzz';
const TOTAL = 10_000;
const CONCURRENCY = 32;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Role = 'reader' | 'librarian' | 'admin';
let app: Embedded;
let dataDir: string;
const tokens: Partial<Record<Role, string>> = {};
let bookId = UNKNOWN_ID;

beforeAll(async () => {
  console.log(`fuzz seed ${SEED}: replay this run with FUZZ_SEED=${SEED}`);
  dataDir = await mkdtemp(join(tmpdir(), 'fuzz-'));
  const zero = freePorts();
  app = await startEmbedded(loadConfig({ ...zero, DATA_DIR: dataDir, SUBGRAPH_SECRET: SECRET, REQUESTS_PER_MINUTE: '1000000' }), createLogger('fuzz', 'silent'));
  for (const account of app.demoAccounts) {
    const login = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } });
    tokens[account.username as Role] = login.data?.login.accessToken;
  }
  bookId = (await gql(app.routerUrl, '{ books(first: 1) { edges { node { id } } } }')).data?.books.edges[0]?.node.id ?? UNKNOWN_ID;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An operation the API serves, with valid variables and the paths of its string arguments. */
interface Operation {
  query: string;
  variables?: () => Record<string, unknown>;
  /** Variable paths holding text, e.g. "i.shippingAddress.line1". */
  strings?: string[];
  /** Variable paths holding numbers a client may push out of range, with values to push. */
  numbers?: [path: string, values: unknown[]][];
  as?: Role;
}

const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };
const INTS = [2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 1e9, -1, 0, 1.5];
const AMOUNTS = ['21474836.47', '21474836.48', '1e9', '99999999999999999999.99', '92233720368547758.08', '-0.01', '0x10', 'NaN', 'Infinity', '1.005', ' 12.50 '];

const VALID: Operation[] = [
  { query: '{ books(first: 3) { edges { node { id title price { amount } } } } }' },
  { query: 'query($id: ID!) { book(id: $id) { title rating { average } availability { available } summary { status } } }', variables: () => ({ id: bookId }), strings: ['id'] },
  {
    query: 'query($s: String, $a: String, $min: String, $max: String, $first: Int) { books(filter: { search: $s, author: $a, minPrice: $min, maxPrice: $max }, first: $first) { totalCount } }',
    variables: () => ({ s: 'whale', a: 'melville', min: '1.00', max: '30.00', first: 5 }),
    strings: ['s', 'a', 'min', 'max'],
    numbers: [['first', INTS], ['min', AMOUNTS], ['max', AMOUNTS]],
  },
  { query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', variables: () => ({ i: { login: 'reader', password: 'wrong' } }), strings: ['i.login', 'i.password'] },
  {
    query: 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    variables: () => ({ i: { email: 'fuzz@example.com', username: 'fuzz_user', password: 'a long fuzzing passphrase 1', name: 'Fuzz' } }),
    strings: ['i.email', 'i.username', 'i.password', 'i.name'],
  },
  {
    query: 'mutation($i: PlaceOrderInput!, $key: String) { placeOrder(input: $i, idempotencyKey: $key) { id status } }',
    variables: () => ({ i: { items: [{ bookId, quantity: 1 }], shippingAddress: { ...ADDRESS, line2: 'Flat 2' } }, key: 'fuzz-order' }),
    strings: ['i.items.0.bookId', 'i.shippingAddress.line1', 'i.shippingAddress.line2', 'i.shippingAddress.city', 'i.shippingAddress.postalCode', 'i.shippingAddress.country', 'key'],
    numbers: [['i.items.0.quantity', INTS]],
    as: 'reader',
  },
  {
    query: 'mutation($i: CreateBookInput!) { createBook(input: $i) { id price { amount } } }',
    variables: () => ({ i: { title: 'Fuzzed Book', authorNames: ['Ann Author', 'Bo Writer'], price: '12.50', stock: 3, description: 'A book.', isbn: '978-0-306-40615-7' } }),
    strings: ['i.title', 'i.authorNames.0', 'i.authorNames.1', 'i.price', 'i.description', 'i.isbn'],
    numbers: [['i.price', AMOUNTS], ['i.stock', INTS]],
    as: 'librarian',
  },
  {
    query: 'mutation($id: ID!, $i: UpdateBookInput!) { updateBook(id: $id, input: $i) { id } }',
    variables: () => ({ id: bookId, i: { price: '11.00', title: 'A Title' } }),
    strings: ['id', 'i.price', 'i.title'],
    numbers: [['i.price', AMOUNTS]],
    as: 'librarian',
  },
  { query: 'mutation($id: ID!, $q: Int!) { restock(bookId: $id, quantity: $q) { stock } }', variables: () => ({ id: bookId, q: 1 }), strings: ['id'], numbers: [['q', INTS]], as: 'librarian' },
  { query: 'mutation($id: ID!, $n: Int!) { setLendingCopies(bookId: $id, copies: $n) { availableCopies } }', variables: () => ({ id: bookId, n: 2 }), strings: ['id'], numbers: [['n', INTS]], as: 'librarian' },
  { query: 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', variables: () => ({ i: { name: 'Fuzz Stories' } }), strings: ['i.name'], as: 'librarian' },
  {
    query: 'mutation($i: AddReviewInput!) { addReview(input: $i) { id } }',
    variables: () => ({ i: { bookId, rating: 4, title: 'Fine', body: 'Read it once.' } }),
    strings: ['i.bookId', 'i.title', 'i.body'],
    numbers: [['i.rating', INTS]],
    as: 'reader',
  },
  { query: 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { name } }', variables: () => ({ i: { name: 'Rea Der' } }), strings: ['i.name'], as: 'reader' },
  { query: 'mutation($id: ID!, $r: String) { cancelOrder(id: $id, reason: $r) { status } }', variables: () => ({ id: UNKNOWN_ID, r: 'changed my mind' }), strings: ['id', 'r'], as: 'reader' },
  {
    query: 'mutation($i: PayOrderInput!, $key: String!) { payOrder(input: $i, idempotencyKey: $key) { id } }',
    variables: () => ({ i: { orderId: UNKNOWN_ID, method: 'CREDIT_CARD', card: { ...CARD } }, key: 'fuzz-pay' }),
    strings: ['i.orderId', 'key', 'i.card.number', 'i.card.cvc'],
    numbers: [['i.card.expMonth', INTS], ['i.card.expYear', INTS]],
    as: 'reader',
  },
  { query: 'mutation($id: ID!, $a: String, $r: String) { refundPayment(paymentId: $id, amount: $a, reason: $r) { id } }', variables: () => ({ id: UNKNOWN_ID, a: '1.00', r: 'damaged' }), strings: ['id', 'a', 'r'], numbers: [['a', AMOUNTS]], as: 'admin' },
  { query: 'mutation($c: String!) { summarizeText(content: $c) }', variables: () => ({ c: 'Hello world. Another sentence.' }), strings: ['c'], as: 'reader' },
  { query: 'mutation($id: ID!) { borrowBook(bookId: $id) { id } }', variables: () => ({ id: bookId }), strings: ['id'], as: 'reader' },
  { query: '{ me { id orders { totalCount } } }', as: 'reader' },
  { query: '{ _service { sdl } }' },
  { query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: () => ({ r: [{ __typename: 'Book', id: bookId }] }), strings: ['r.0.id', 'r.0.__typename'] },
  { query: '{ categories { id name } authors(first: 2) { edges { node { name } } } }' },
];
const WITH_STRINGS = VALID.filter((op) => op.strings);
const WITH_NUMBERS = VALID.filter((op) => op.numbers);
const WEIRD_VALUES: unknown[] = [null, true, -1, 0, 1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER, 'x'.repeat(100_000), '💥'.repeat(1000), '"; drop table users; --', [], {}, [[[]]], { __proto__: { admin: true } }, 'a\u0000b'];
// C0 controls other than tab, LF and CR, and lone surrogates: text PostgreSQL cannot store or nobody types.
const BAD_CHARACTERS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\ud800', '\udbff', '\udc00', '\udfff'];
const MULTI_OPERATION = [
  'query A { books(first: 1) { totalCount } } query B { categories { id } }',
  'query A { me { id } } mutation M { logout(refreshToken: "x") }',
  '{ books(first: 1) { totalCount } } query B { categories { id } }',
  'query A { book(id: "x") { title } } query A { categories { id } }',
  'fragment F on Query { categories { id } } query A { ...F } query B { ...F }',
];

type Kind =
  | 'malformed JSON' | 'content type' | 'deep document' | 'wide document' | 'weird variables' | 'unknown fields' | 'mutated document' | 'invalid shape'
  | 'GET' | 'oversized body' | 'multi-operation' | 'APQ' | 'deep variables' | 'control characters' | 'out-of-range numbers' | 'valid';

interface Sample {
  kind: Kind;
  method: 'GET' | 'POST';
  contentType?: string;
  body?: string;
  search?: string;
  secret: boolean;
  /** Whose token goes in Authorization: a role's, a forged one, or none. */
  as?: Role | 'forged';
  /** What was pushed out of bounds, for the report (bodies are cut short there). */
  note?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const json = (body: unknown) => JSON.stringify(body);

/** Sets `value` at a dotted path ("i.items.0.bookId") of a copy of `variables`. */
function setPath(variables: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

function getPath(variables: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], variables);
}

/** JSON nested `depth` levels deep, written as text: JSON.stringify itself would overflow the stack. */
function nested(depth: number, shape: 'array' | 'object', leaf: string): string {
  return shape === 'array' ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** The request numbered `index` of the run seeded `seed`: the same pair always builds the same request. */
function sample(seed: number, index: number): Sample {
  const r = random((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const secret = r() < 0.7;
  const op = pick(VALID);
  const valid = op.query;
  const as = r() < 0.15 ? pick(['reader', 'librarian', 'admin', 'forged'] as const) : undefined;
  const post = (kind: Kind, body: unknown, who = as, note?: string): Sample => ({ kind, method: 'POST', contentType: 'application/json', body: typeof body === 'string' ? body : json(body), secret, as: who, note });
  switch (Math.floor(r() * 16)) {
    case 0:
      return { kind: 'malformed JSON', method: 'POST', contentType: 'application/json', body: pick(['{', '{"query":', 'nul', '[1,2', '{"query": "{ books }"', '\u0000\u0001', '', '{"query":"{ books(first: 1) { totalCount } }","variables":{"a":1,"a":{}}}']), secret, as };
    case 1:
      return { kind: 'content type', method: 'POST', contentType: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/graphql', 'application/json; charset=latin1', undefined]), body: json({ query: valid }), secret, as };
    case 2:
      return post('deep document', { query: `{ ${'books { edges { node { authors { '.repeat(1 + Math.floor(r() * 60))}id${' } } } }'.repeat(1)} }` });
    case 3:
      return post('wide document', { query: `{ ${Array.from({ length: 1 + Math.floor(r() * 3000) }, (_, i) => `a${i}: __typename`).join(' ')} }` });
    case 4:
      return post('weird variables', { query: valid, variables: { id: pick(WEIRD_VALUES), i: pick(WEIRD_VALUES), r: pick(WEIRD_VALUES) } });
    case 5:
      return post('unknown fields', { query: pick(['{ nope }', '{ books { nope } }', 'mutation { deleteEverything }', 'subscription { orderUpdated(orderId: 1) { id } }', '{ __schema { types { name } } }']) });
    case 6: {
      const chars = [...valid];
      for (let i = 0; i < 1 + Math.floor(r() * 5); i++) chars.splice(Math.floor(r() * chars.length), Math.floor(r() * 3), String.fromCharCode(Math.floor(r() * 127)));
      return post('mutated document', { query: chars.join(''), variables: op.variables?.() });
    }
    case 7:
      return post('invalid shape', pick([{ query: valid, variables: 'not-an-object' }, { query: 42 }, { variables: {} }, { query: valid, operationName: 123 }, [{ query: valid }], { query: valid, extensions: 'x' }, { query: valid, variables: [1] }]));
    case 8:
      return { kind: 'GET', method: 'GET', search: `?query=${encodeURIComponent(pick([valid, '{', 'mutation { logout(refreshToken: "x") }']))}&variables=${encodeURIComponent(pick(['{', '[]', '{"id":1}']))}${r() < 0.3 ? `&extensions=${encodeURIComponent(pick(['{', '{"persistedQuery":{"version":1,"sha256Hash":"00"}}', '[]']))}` : ''}`, secret, as };
    case 9:
      return r() < 0.05
        ? post('oversized body', { query: `{ books { edges { node { id } } } } # ${'x'.repeat(2 * 1024 * 1024 + 10)}` })
        : post('oversized body', { query: valid, variables: { i: { login: 'x', password: 'y'.repeat(Math.floor(r() * 5000)) } } });
    case 10: // several operations: none named, one named, an unknown name, a name of the wrong type
      return post('multi-operation', { query: pick(MULTI_OPERATION), ...pick([{}, { operationName: 'A' }, { operationName: 'B' }, { operationName: 'C' }, { operationName: null }, { operationName: '' }]) });
    case 11: { // automatic persisted queries: a wrong hash, an unknown version, a hash alone, a malformed extension
      const hash = sha256(valid);
      return post('APQ', pick([
        { query: valid, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`${valid} `) } } },
        { query: valid, extensions: { persistedQuery: { version: 2, sha256Hash: hash } } },
        { extensions: { persistedQuery: { version: 2, sha256Hash: hash } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(String(r())) } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: op.variables?.() },
        { query: valid, extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: op.variables?.() },
        { query: valid, extensions: { persistedQuery: { version: '1', sha256Hash: 42 } } },
        { query: valid, extensions: { persistedQuery: null } },
      ]));
    }
    case 12: { // variables nested up to 100,000 levels, used by an argument or not
      const leaf = pick(['1', '"x"', 'null', '"a\\u0000b"']);
      const value = nested(pick([100, 10_000, 100_000]), pick(['array', 'object'] as const), leaf);
      const [query, name] = pick([
        ['query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', 'r'],
        ['mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', 'i'],
        ['query($id: ID!) { book(id: $id) { title } }', 'id'],
        ['{ books(first: 1) { totalCount } }', 'unused'],
      ] as const);
      return post('deep variables', `{"query":${json(query)},"variables":{"${name}":${value}}}`);
    }
    case 13: { // a control character or lone surrogate in one string argument of a valid operation
      const target = pick(WITH_STRINGS);
      const variables = target.variables!();
      const path = pick(target.strings!);
      const text = String(getPath(variables, path));
      const at = Math.floor(r() * (text.length + 1));
      const bad = pick(BAD_CHARACTERS);
      const note = `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in ${path}`;
      return post('control characters', { query: target.query, variables: setPath(variables, path, `${text.slice(0, at)}${bad}${text.slice(at)}`) }, target.as ?? as, note);
    }
    case 14: { // numbers out of range: Int beyond 2^31, amounts beyond the money bounds, in variables and inline
      if (r() < 0.2) return post('out-of-range numbers', { query: pick(['{ books(first: 2147483648) { totalCount } }', '{ books(first: -2147483649) { totalCount } }', '{ books(filter: { minPrice: "1e9" }) { totalCount } }', '{ books(first: 1e3) { totalCount } }']) });
      const target = pick(WITH_NUMBERS);
      const [path, values] = pick(target.numbers!);
      const value = pick(values);
      return post('out-of-range numbers', { query: target.query, variables: setPath(target.variables!(), path, value) }, target.as ?? as, `${path} = ${json(value)}`);
    }
    default: // valid requests, so real resolvers run under the noise
      return post('valid', { query: valid, variables: op.variables?.() }, op.as && r() < 0.8 ? op.as : as);
  }
}

async function send(base: string, s: Sample): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {};
  if (s.contentType) headers['content-type'] = s.contentType;
  if (s.secret) headers[ROUTER_SECRET_HEADER] = SECRET;
  const token = s.as === 'forged' ? 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' : s.as && tokens[s.as];
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${base}${s.search ?? ''}`, { method: s.method, headers, ...(s.method === 'POST' ? { body: s.body ?? '' } : {}) });
  return { status: response.status, body: await response.text() };
}

/**
 * Why an answer breaks the contract, or undefined when it keeps it: a 4xx, or JSON whose every
 * error carries a code from the closed list other than INTERNAL_SERVER_ERROR.
 */
function violation(answer: { status: number; body: string }): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.status !== 200 && (answer.status < 400 || answer.status >= 500)) return `HTTP ${answer.status}`;
  let parsed: { errors?: { extensions?: { code?: unknown } }[] } | undefined;
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    return answer.status === 200 ? 'a 200 that is not JSON' : undefined; // a 4xx may answer in text (413, 403)
  }
  for (const error of (parsed && typeof parsed === 'object' && Array.isArray(parsed.errors) ? parsed.errors : [])) {
    const code = error?.extensions?.code;
    if (code === undefined) return 'an error without a code';
    if (!isKnownErrorCode(code)) return `an unknown code ${String(code)}`;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) return 'INTERNAL_SERVER_ERROR';
  }
  return undefined;
}

interface Failure {
  index: number;
  kind: Kind;
  target: string;
  why: string;
  answer: string;
  request: string;
}

describe('fuzzing', () => {
  it(`answers ${TOTAL} malformed, hostile and mutated requests with 4xx or client error codes, and stays up`, async () => {
    const targets = [`${app.routerUrl}/graphql`, ...Object.values(app.subgraphUrls)];
    const names = new Map(targets.map((url, i) => [url, i === 0 ? 'router' : Object.keys(app.subgraphUrls)[i - 1]!]));
    const failures: Failure[] = [];
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const index = next++;
        const target = targets[index % targets.length]!;
        const s = sample(SEED, index);
        const answer = await send(target, s).catch((error: unknown) => ({ status: 0, body: `no answer: ${String(error)}` }));
        const why = answer.status === 0 ? 'no answer' : violation(answer);
        if (why) failures.push({ index, kind: s.kind, target: names.get(target)!, why, answer: `${answer.status} ${answer.body.slice(0, 240)}`, request: `${s.note ? `(${s.note}) ` : ''}${s.method} ${s.as ?? 'anonymous'} ${s.search ?? ''}${(s.body ?? '').slice(0, 240)}` });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // By kind, target and reason, with the first example of each: a replay needs only the seed and the index.
    const groups = new Map<string, Failure[]>();
    for (const failure of failures.sort((a, b) => a.index - b.index)) {
      const key = `${failure.kind} -> ${failure.target}: ${failure.why}`;
      groups.set(key, [...(groups.get(key) ?? []), failure]);
    }
    const report = [...groups].map(([key, group]) => `${group.length} x ${key}; e.g. sample #${group[0]!.index}: ${group[0]!.request}\n    answered ${group[0]!.answer}`);
    expect(report, `seed ${SEED} (FUZZ_SEED=${SEED} replays it)`).toEqual([]);
    for (const target of targets) expect((await fetch(target.replace(/\/graphql$/, '/health'))).status).toBe(200);
    expect((await gql(app.routerUrl, '{ books(first: 1) { totalCount } }')).data?.books.totalCount).toBeGreaterThan(0);
  }, 240_000);
});
