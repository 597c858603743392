import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { connectWs, gql, type TestWsClient } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// Library notifications through the real router: loans owns myLibraryUpdates (a second
// subscription-owning subgraph beside orders), and the router enriches each event with the
// catalog's fields.
const UPDATES = 'subscription { myLibraryUpdates { kind at loan { id } hold { id status pickupBy book { title } } } }';

interface LibraryUpdateView {
  kind: string;
  at: string;
  loan: { id: string } | null;
  hold: { id: string; status: string; pickupBy: string; book: { title: string } } | null;
}

let app: Embedded;
let dataDir: string;
let librarian: string;
const clients: TestWsClient[] = [];

const call = async (query: string, variables: Record<string, unknown>, token: string) => gql(app.routerUrl, query, variables, { token });
/** A call that must succeed; returns its data. */
async function must(query: string, variables: Record<string, unknown>, token: string) {
  const response = await call(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data!;
}
const login = async (role: string) => {
  const account = app.demoAccounts.find((a) => a.role === role)!;
  return (await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } })).data!.login.accessToken as string;
};
const register = async () => {
  const name = `lib_${randomUUID().slice(0, 8)}`;
  const res = await gql(app.routerUrl, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', { i: { email: `${name}@example.com`, username: name, password: 'a patient library member 7' } });
  return { token: res.data!.register.accessToken as string, id: res.data!.register.user.id as string };
};

/** A new catalog book lent in `copies` copies, once loans has heard of it. */
async function lendableBook(title: string, copies: number): Promise<string> {
  const created = await must('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title, authorNames: ['Lena Library'], price: '5.00', stock: 1 } }, librarian);
  const bookId = created.createBook.id as string;
  await setCopies(bookId, copies);
  return bookId;
}

/** setLendingCopies, retried while loans has not yet heard of the book (its book.changed is on the way). */
async function setCopies(bookId: string, copies: number): Promise<void> {
  await expect
    .poll(async () => (await call('mutation($b: ID!, $n: Int!) { setLendingCopies(bookId: $b, copies: $n) { totalCopies } }', { b: bookId, n: copies }, librarian)).data?.setLendingCopies?.totalCopies, {
      timeout: 30_000,
      interval: 100,
    })
    .toBe(copies);
}

const borrow = async (bookId: string, token: string) => (await must('mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: bookId }, token)).borrowBook.id as string;
const placeHold = async (bookId: string, token: string) => (await must('mutation($b: ID!) { placeHold(bookId: $b) { id position } }', { b: bookId }, token)).placeHold as { id: string; position: number };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'library-subscriptions-'));
  app = await startEmbedded(loadConfig({ ...freePorts(), DATA_DIR: dataDir }), createLogger('library-subscriptions-test', 'silent'));
  librarian = await login('LIBRARIAN');
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('myLibraryUpdates through the router', () => {
  it("tells the next member in line that a returned book is set aside for them, with the catalog's title", async () => {
    const reader = await register();
    const member = await register();
    const bookId = await lendableBook('The Waiting Room', 1);
    const loanId = await borrow(bookId, reader.token);
    const hold = await placeHold(bookId, member.token);
    expect(hold.position).toBe(1);

    const client = connectWs(app.routerUrl, { token: member.token });
    clients.push(client);
    const updates = client.subscribe<{ myLibraryUpdates: LibraryUpdateView }>(UPDATES);
    const heard = (holdId: string) => updates.results.find((result) => result.data?.myLibraryUpdates.hold?.id === holdId);

    // graphql-ws has no "subscribed" message: make probe HOLD_READY updates on another book (a
    // LIBRARIAN adding a copy hands it to the member's hold) until one arrives, so the
    // subscription is live before the return below.
    const probeBook = await lendableBook('Probe Copies', 1);
    await borrow(probeBook, reader.token);
    let probe = '';
    await expect
      .poll(
        async () => {
          if (probe && heard(probe)) return true;
          if (probe) {
            await must('mutation($h: ID!) { cancelHold(holdId: $h) { id } }', { h: probe }, member.token);
            await setCopies(probeBook, 1);
          }
          probe = (await placeHold(probeBook, member.token)).id;
          await setCopies(probeBook, 2);
          return false;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(true);

    // Someone else's hold becomes READY first: published on the same channel, before the member's.
    const other = await register();
    const othersBook = await lendableBook('Not Yours', 1);
    await borrow(othersBook, reader.token);
    const othersHold = await placeHold(othersBook, other.token);
    await setCopies(othersBook, 2);

    // A LIBRARIAN takes the book back at the desk: the copy is set aside for the member.
    await must('mutation($l: ID!) { returnBook(loanId: $l) { status } }', { l: loanId }, librarian);
    await expect.poll(() => heard(hold.id), { timeout: 30_000 }).toBeDefined();
    const result = heard(hold.id)!;
    expect(result.errors).toBeUndefined();
    expect(result.data!.myLibraryUpdates).toMatchObject({ kind: 'HOLD_READY', loan: null, hold: { id: hold.id, status: 'READY', pickupBy: expect.any(String), book: { title: 'The Waiting Room' } } });
    // Only the member's own updates: the other member's HOLD_READY never reached this subscriber.
    expect(heard(othersHold.id)).toBeUndefined();
    expect(updates.results.every((update) => update.data?.myLibraryUpdates.kind === 'HOLD_READY')).toBe(true);

    // The member borrows the set-aside copy: the hold is FULFILLED.
    await borrow(bookId, member.token);
    const mine = await must('query { me { holds(status: FULFILLED) { totalCount edges { node { id book { title } } } } } }', {}, member.token);
    expect(mine.me.holds).toEqual({ totalCount: 1, edges: [{ node: { id: hold.id, book: { title: 'The Waiting Room' } } }] });
    updates.unsubscribe();
  }, 300_000);

  it('refuses an anonymous subscriber', async () => {
    const client = connectWs(app.routerUrl);
    clients.push(client);
    const refused = client.subscribe(UPDATES);
    // Refused before any event: one result carrying the error, then the subscription completes.
    expect(await refused.ended).toEqual({ kind: 'completed' });
    expect(refused.results).toHaveLength(1);
    expect(refused.results[0]?.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
