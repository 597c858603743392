import { connectWs, gql, useHarness } from '@bookstore/testing';
import { describe, expect, it } from 'vitest';
import { libraryDesk } from './library.js';
import { ADMIN, ServicesStack } from './services.js';

// myLibraryUpdates across processes: two loans replicas on PostgreSQL and Redis, each behind its
// own router. The member subscribes through router A (loans A); the book comes back through
// router B (loans B), and Redis pub/sub carries the update to the replica serving the member.

const stack = useHarness(() => ServicesStack.onOwnDatabase('library-subscriptions'));

describe('myLibraryUpdates across routers and loans replicas', () => {
  it('tells the next member in line, subscribed on one replica, of a return made through the other', async () => {
    const users = await stack.startUsers();
    const [catalog, loansA, loansB] = await Promise.all(['catalog', 'loans', 'loans'].map((name) => stack.start(name)));
    const urls = (loans: { url: string }) => `users=${users.url}/graphql,catalog=${catalog!.url}/graphql,loans=${loans.url}/graphql`;
    const [routerA, routerB] = await Promise.all([stack.start('router', { SUBGRAPH_URLS: urls(loansA!) }), stack.start('router', { SUBGRAPH_URLS: urls(loansB!) })]);

    const admin = (await gql(routerB!.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: ADMIN.email, password: ADMIN.password } })).data!.login.accessToken as string;
    const desk = libraryDesk(routerB!.url, admin);
    const [reader, member] = [(await desk.register()).token, (await desk.register()).token];

    const bookId = await desk.lendableBook('Two Copies of Nothing', 1);
    const loanId = await desk.borrow(bookId, reader);
    const holdId = (await desk.placeHold(bookId, member)).id;

    const client = stack.disposeOnStop(connectWs(routerA!.url, { token: member }));
    const updates = client.subscribe<{ myLibraryUpdates: { kind: string; hold: { id: string; book: { title: string } } | null } }>(
      'subscription { myLibraryUpdates { kind hold { id book { title } } } }',
    );
    const heard = (id: string) => updates.results.find((result) => result.data?.myLibraryUpdates.hold?.id === id);

    await desk.untilSubscribed(member, reader, heard);

    await desk.must('mutation($l: ID!) { returnBook(loanId: $l) { status } }', { l: loanId }, admin);
    await expect.poll(() => heard(holdId), { timeout: 30_000 }).toBeDefined();
    expect(heard(holdId)!.data!.myLibraryUpdates).toEqual({ kind: 'HOLD_READY', hold: { id: holdId, book: { title: 'Two Copies of Nothing' } } });
    // Six processes start on a loaded 2-core machine: minutes, well under one when idle.
  }, 300_000);
});
