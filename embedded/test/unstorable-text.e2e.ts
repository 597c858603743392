import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { gql } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// Text PostgreSQL cannot store (U+0000, a lone surrogate) or that no person types (U+0007), in
// every kind of text argument, sent to each subgraph as the router sends it: refused with
// BAD_USER_INPUT naming the argument path before any resolver runs, and nothing is written.
const SECRET = 'unstorable-secret-unstorable-secret-0123';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const BAD: [string, string, string][] = [
  ['U+0000', 'a\u0000b', '(U+0000)'],
  ['U+0007', 'a\u0007b', '(U+0007)'],
  ['a lone surrogate', 'a\ud800b', '(U+D800)'],
];

let app: Embedded;
let dataDir: string;
const tokens: Record<'admin' | 'librarian' | 'reader', string> = { admin: '', librarian: '', reader: '' };
let bookId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'unstorable-'));
  const zero = freePorts();
  app = await startEmbedded(loadConfig({ ...zero, DATA_DIR: dataDir, SUBGRAPH_SECRET: SECRET }), createLogger('unstorable-test', 'silent'));
  for (const account of app.demoAccounts) {
    const login = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } });
    tokens[account.username as keyof typeof tokens] = login.data!.login.accessToken;
  }
  bookId = (await gql(app.routerUrl, '{ books(first: 1) { edges { node { id } } } }')).data!.books.edges[0].node.id;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Case {
  subgraph: string;
  as?: keyof typeof tokens;
  query: string;
  /** Variables with `text` in the field under test. */
  variables: (text: string) => Record<string, unknown>;
  field: string;
}

const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }';
const register = (change: Record<string, string>) => ({ i: { email: 'fresh@example.com', username: 'fresh_reader', password: 'a long unusual passphrase 9', ...change } });
const CREATE_BOOK = 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }';
const book = (change: Record<string, unknown>) => ({ i: { title: 'Clean Title', authorNames: ['Ann Author'], price: '9.99', stock: 1, ...change } });
const PLACE = 'mutation($i: PlaceOrderInput!, $key: String) { placeOrder(input: $i, idempotencyKey: $key) { id } }';
const place = (address: Record<string, string>, key = 'clean-key') => ({ i: { items: [{ bookId: '%BOOK%', quantity: 1 }], shippingAddress: { ...ADDRESS, ...address } }, key });
const PAY = 'mutation($i: PayOrderInput!, $key: String!) { payOrder(input: $i, idempotencyKey: $key) { id } }';
const card = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };
const REVIEW = 'mutation($i: AddReviewInput!) { addReview(input: $i) { id } }';

const CASES: Record<string, Case> = {
  'register email': { subgraph: 'users', query: REGISTER, variables: (t) => register({ email: `${t}@example.com` }), field: 'input.email' },
  'register username': { subgraph: 'users', query: REGISTER, variables: (t) => register({ username: t }), field: 'input.username' },
  'register name': { subgraph: 'users', query: REGISTER, variables: (t) => register({ name: t }), field: 'input.name' },
  'register password': { subgraph: 'users', query: REGISTER, variables: (t) => register({ password: `long passphrase ${t}` }), field: 'input.password' },
  'profile name': { subgraph: 'users', as: 'reader', query: 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { name } }', variables: (t) => ({ i: { name: t } }), field: 'input.name' },
  'book title': { subgraph: 'catalog', as: 'librarian', query: CREATE_BOOK, variables: (t) => book({ title: t }), field: 'input.title' },
  'author names': { subgraph: 'catalog', as: 'librarian', query: CREATE_BOOK, variables: (t) => book({ authorNames: ['Ann Author', t] }), field: 'input.authorNames[1]' },
  'book description': { subgraph: 'catalog', as: 'librarian', query: CREATE_BOOK, variables: (t) => book({ description: t }), field: 'input.description' },
  'category name': { subgraph: 'catalog', as: 'librarian', query: 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', variables: (t) => ({ i: { name: t } }), field: 'input.name' },
  'search text': { subgraph: 'catalog', query: 'query($s: String) { books(filter: { search: $s }) { totalCount } }', variables: (t) => ({ s: t }), field: 'filter.search' },
  'address line1': { subgraph: 'orders', as: 'reader', query: PLACE, variables: (t) => place({ line1: t }), field: 'input.shippingAddress.line1' },
  'address line2': { subgraph: 'orders', as: 'reader', query: PLACE, variables: (t) => place({ line2: t }), field: 'input.shippingAddress.line2' },
  'address city': { subgraph: 'orders', as: 'reader', query: PLACE, variables: (t) => place({ city: t }), field: 'input.shippingAddress.city' },
  'address postal code': { subgraph: 'orders', as: 'reader', query: PLACE, variables: (t) => place({ postalCode: t }), field: 'input.shippingAddress.postalCode' },
  'order idempotency key': { subgraph: 'orders', as: 'reader', query: PLACE, variables: (t) => place({}, t), field: 'idempotencyKey' },
  'cancel reason': { subgraph: 'orders', as: 'reader', query: 'mutation($id: ID!, $r: String) { cancelOrder(id: $id, reason: $r) { id } }', variables: (t) => ({ id: UNKNOWN_ID, r: t }), field: 'reason' },
  'payment idempotency key': { subgraph: 'payments', as: 'reader', query: PAY, variables: (t) => ({ i: { orderId: UNKNOWN_ID, method: 'CREDIT_CARD', card }, key: t }), field: 'idempotencyKey' },
  'card number': { subgraph: 'payments', as: 'reader', query: PAY, variables: (t) => ({ i: { orderId: UNKNOWN_ID, method: 'CREDIT_CARD', card: { ...card, number: t } }, key: 'k' }), field: 'input.card.number' },
  'refund reason': { subgraph: 'payments', as: 'admin', query: 'mutation($id: ID!, $r: String) { refundPayment(paymentId: $id, reason: $r) { id } }', variables: (t) => ({ id: UNKNOWN_ID, r: t }), field: 'reason' },
  'review title': { subgraph: 'reviews', as: 'reader', query: REVIEW, variables: (t) => ({ i: { bookId: '%BOOK%', rating: 4, title: t } }), field: 'input.title' },
  'review body': { subgraph: 'reviews', as: 'reader', query: REVIEW, variables: (t) => ({ i: { bookId: '%BOOK%', rating: 4, body: t } }), field: 'input.body' },
  'summarised text': { subgraph: 'summaries', as: 'reader', query: 'mutation($c: String!) { summarizeText(content: $c) }', variables: (t) => ({ c: `A first sentence. ${t}` }), field: 'content' },
};

async function direct(c: Case, query: string, variables: Record<string, unknown>) {
  const withBook = JSON.parse(JSON.stringify(variables).replaceAll('%BOOK%', bookId)) as Record<string, unknown>;
  return gql(app.subgraphUrls[c.subgraph]!, query, withBook, { token: c.as && tokens[c.as], headers: { [ROUTER_SECRET_HEADER]: SECRET } });
}

/** What any of the requests above could have changed, read through the router. */
async function snapshot() {
  const [catalog, users, reader] = await Promise.all([
    gql(app.routerUrl, '{ books { totalCount } categories { id } }'),
    gql(app.routerUrl, '{ users { totalCount } }', {}, { token: tokens.admin }),
    gql(app.routerUrl, '{ me { name orders { totalCount } reviews { totalCount } } }', {}, { token: tokens.reader }),
  ]);
  return { catalog: catalog.data, users: users.data, reader: reader.data };
}

describe('text that cannot be stored', () => {
  it.each(BAD)('refuses %s in every kind of text field, naming the field, and writes nothing', async (_name, text, codePoint) => {
    const before = await snapshot();
    expect(before.users?.users.totalCount).toBeGreaterThan(0);
    const answers = await Promise.all(
      Object.entries(CASES).map(async ([name, c]) => {
        const answer = await direct(c, c.query, c.variables(text));
        return { name, status: answer.status, data: answer.data ?? null, errors: answer.errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.['field'], message: e.message })) };
      }),
    );
    for (const answer of answers) {
      const c = CASES[answer.name]!;
      expect(answer, answer.name).toEqual({
        name: answer.name,
        status: 400,
        data: null,
        errors: [{ code: 'BAD_USER_INPUT', field: c.field, message: `${c.field} contains ${codePoint === '(U+D800)' ? `an unpaired surrogate ${codePoint}, which is not valid Unicode text` : `a control character ${codePoint}`}.` }],
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names inline literals by the same argument path', async () => {
    const literal = await direct(CASES['book title']!, 'mutation { createBook(input: { title: "x\\u0000y", authorNames: ["A"], price: "1.00", stock: 1 }) { id } }', {});
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0]).toMatchObject({ message: 'input.title contains a control character (U+0000).', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } });
    const nested = await direct(CASES['address line1']!, `mutation($line: String!) { placeOrder(input: { items: [{ bookId: "${UNKNOWN_ID}", quantity: 1 }], shippingAddress: { line1: $line, city: "c", postalCode: "p", country: "GB" } }) { id } }`, { line: '\u001b[2J' });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.shippingAddress.line1' });
  });

  it('still accepts tab, line breaks and any valid Unicode', async () => {
    const answer = await direct(CASES['summarised text']!, CASES['summarised text']!.query, { c: 'First line.\tStill the first.\r\nA second line with Zoë, 東京 and 📚.' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.summarizeText).toMatch(/First line/);
  });
});
