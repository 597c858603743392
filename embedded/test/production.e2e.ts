import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCode, gql } from '@bookstore/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// A shop running embedded mode in production: NODE_ENV=production works as in services mode, and
// every subgraph's own settings (lending rules, the summary provider, the first ADMIN) are honoured.
const ADMIN = { email: 'owner@example.com', password: 'an unguessable owner passphrase 9' };
const logLines: string[] = [];
let app: Embedded;
let dataDir: string;
let provider: Server;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'production-'));
  // An OpenAI-compatible provider that refuses every key, as a wrong or missing OPENAI_API_KEY would.
  provider = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key"}}'));
  provider.listen(0, '127.0.0.1');
  await once(provider, 'listening');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const config = loadConfig({
    ...freePorts(),
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOAN_PERIOD_DAYS: '3',
    SUMMARY_PROVIDER: 'openai',
    OPENAI_BASE_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`,
    OPENAI_MODEL: 'test-model',
    SUMMARY_MAX_RETRIES: '0',
  });
  app = await startEmbedded(config, pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) }));
});

afterAll(async () => {
  await app?.stop();
  provider?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gql(app.routerUrl, query, variables, token ? { token } : {});

describe('embedded mode in production', () => {
  let admin = '';

  it('starts without demo data, Sandbox or introspection, and creates the configured ADMIN', async () => {
    expect(app.demoAccounts).toEqual([]);
    const page = await fetch(`${app.routerUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox/i);
    expect(errorCode(await call('{ __schema { types { name } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await call('{ books { totalCount } }')).data?.books.totalCount).toBe(0);
    const login = await call('mutation($i: LoginInput!) { login(input: $i) { accessToken user { role } } }', { i: { login: ADMIN.email, password: ADMIN.password } });
    expect(login.data?.login.user.role).toBe('ADMIN');
    admin = login.data!.login.accessToken;
  });

  it('lends for LOAN_PERIOD_DAYS, as the loans process would', async () => {
    const created = await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'A Short Loan', authorNames: ['Ann Author'], price: '9.00', stock: 1 } }, admin);
    const bookId = created.data!.createBook.id as string;
    expect((await call('mutation($b: ID!) { setLendingCopies(bookId: $b, copies: 1) { totalCopies } }', { b: bookId }, admin)).errors).toBeUndefined();
    const borrowed = await call('mutation($b: ID!) { borrowBook(bookId: $b) { borrowedAt dueAt } }', { b: bookId }, admin);
    const { borrowedAt, dueAt } = borrowed.data!.borrowBook as { borrowedAt: string; dueAt: string };
    expect(Date.parse(dueAt) - Date.parse(borrowedAt)).toBe(3 * 86_400_000);
  });

  it('uses the configured summary provider: warned at start, and its refusal is a reason, never an internal error', async () => {
    expect(logLines.some((line) => line.includes('OPENAI_API_KEY is not set'))).toBe(true);
    const summarized = await call('mutation { summarizeText(content: "One sentence. Another sentence.") }', {}, admin);
    expect(summarized.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringMatching(/openai:test-model.*HTTP 401/) });
    const created = await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'To Summarise', authorNames: ['B'], price: '1.00', stock: 1, description: 'A long tale. It goes on.' } }, admin);
    const bookId = created.data!.createBook.id as string;
    // The summaries subgraph learns of the book by an event; until then the book is unknown to it.
    await expect.poll(async () => (await call('mutation($b: ID!) { requestSummary(bookId: $b) { status } }', { b: bookId }, admin)).data?.requestSummary?.status, { timeout: 30_000 }).toBeTruthy();
    const summary = async () => (await call('query($b: ID!) { book(id: $b) { summary { status failureReason } } }', { b: bookId })).data?.book.summary;
    await expect.poll(async () => (await summary())?.status, { timeout: 30_000 }).toBe('FAILED');
    expect((await summary())?.failureReason).toMatch(/refused this service's credentials \(HTTP 401\)/);
  });
});
