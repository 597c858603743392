import { connectWs, gql, useHarness, type TestWsClient } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './test-app.js';
import { libraryDesk, type LibraryDesk } from './library.js';

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

const app = useHarness(() => startTestApp('library-subscriptions'), 180_000);
let librarian: string;
let desk: LibraryDesk;
const clients: TestWsClient[] = [];

const login = async (role: string) => {
  const account = app.demoAccounts.find((a) => a.role === role)!;
  return (await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } })).data!.login.accessToken as string;
};

beforeAll(async () => {
  librarian = await login('LIBRARIAN');
  desk = libraryDesk(app.routerUrl, librarian);
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

describe('myLibraryUpdates through the router', () => {
  it("tells the next member in line that a returned book is set aside for them, with the catalog's title", async () => {
    const reader = await desk.register();
    const member = await desk.register();
    const bookId = await desk.lendableBook('The Waiting Room', 1);
    const loanId = await desk.borrow(bookId, reader.token);
    const hold = await desk.placeHold(bookId, member.token);
    expect(hold.position).toBe(1);

    const client = connectWs(app.routerUrl, { token: member.token });
    clients.push(client);
    const updates = client.subscribe<{ myLibraryUpdates: LibraryUpdateView }>(UPDATES);
    const heard = (holdId: string) => updates.results.find((result) => result.data?.myLibraryUpdates.hold?.id === holdId);

    await desk.untilSubscribed(member.token, reader.token, heard);

    // Someone else's hold becomes READY first: published on the same channel, before the member's.
    const other = await desk.register();
    const othersBook = await desk.lendableBook('Not Yours', 1);
    await desk.borrow(othersBook, reader.token);
    const othersHold = await desk.placeHold(othersBook, other.token);
    await desk.setCopies(othersBook, 2);

    // A LIBRARIAN takes the book back at the desk: the copy is set aside for the member.
    await desk.must('mutation($l: ID!) { returnBook(loanId: $l) { status } }', { l: loanId }, librarian);
    await expect.poll(() => heard(hold.id), { timeout: 30_000 }).toBeDefined();
    const result = heard(hold.id)!;
    expect(result.errors).toBeUndefined();
    expect(result.data!.myLibraryUpdates).toMatchObject({ kind: 'HOLD_READY', loan: null, hold: { id: hold.id, status: 'READY', pickupBy: expect.any(String), book: { title: 'The Waiting Room' } } });
    // Only the member's own updates: the other member's HOLD_READY never reached this subscriber.
    expect(heard(othersHold.id)).toBeUndefined();
    expect(updates.results.every((update) => update.data?.myLibraryUpdates.kind === 'HOLD_READY')).toBe(true);

    // The member borrows the set-aside copy: the hold is FULFILLED.
    await desk.borrow(bookId, member.token);
    const mine = await desk.must('query { me { holds(status: FULFILLED) { totalCount edges { node { id book { title } } } } } }', {}, member.token);
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
