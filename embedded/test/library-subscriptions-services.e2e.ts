import { randomUUID } from 'node:crypto';
import { connectWs, gql, type TestWsClient, useHarness } from '@bookstore/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, ServicesStack } from './services.js';

// myLibraryUpdates across processes: two loans replicas on PostgreSQL and Redis, each behind its
// own router. The member subscribes through router A (loans A); the book comes back through
// router B (loans B), and Redis pub/sub carries the update to the replica serving the member.

const stack = useHarness(() => ServicesStack.onOwnDatabase('library-subscriptions'));
let client: TestWsClient | undefined;
// Registered after the stack's, so it runs before the stack stops (vitest runs after-hooks in reverse).
afterAll(async () => {
  await client?.dispose();
});

describe('myLibraryUpdates across routers and loans replicas', () => {
  it('tells the next member in line, subscribed on one replica, of a return made through the other', async () => {
    const users = await stack.startUsers();
    const [catalog, loansA, loansB] = await Promise.all(['catalog', 'loans', 'loans'].map((name) => stack.start(name)));
    const urls = (loans: { url: string }) => `users=${users.url}/graphql,catalog=${catalog!.url}/graphql,loans=${loans.url}/graphql`;
    const [routerA, routerB] = await Promise.all([stack.start('router', { SUBGRAPH_URLS: urls(loansA!) }), stack.start('router', { SUBGRAPH_URLS: urls(loansB!) })]);

    const viaB = async (query: string, variables: Record<string, unknown>, token: string) => {
      const response = await gql(routerB!.url, query, variables, { token });
      expect(response.errors).toBeUndefined();
      return response.data!;
    };
    const admin = (await gql(routerB!.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: ADMIN.email, password: ADMIN.password } })).data!.login.accessToken as string;
    const register = async () => {
      const name = `lib_${randomUUID().slice(0, 8)}`;
      const res = await gql(routerB!.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: `${name}@example.com`, username: name, password: 'a patient library member 7' } });
      return res.data!.register.accessToken as string;
    };
    const [reader, member] = [await register(), await register()];

    const lendable = async (title: string, copies: number) => {
      const bookId = (await viaB('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title, authorNames: ['Rhea Plica'], price: '6.00', stock: 1 } }, admin)).createBook.id as string;
      await setCopies(bookId, copies);
      return bookId;
    };
    // Retried while loans has not heard of the book yet (its book.changed is on the way).
    const setCopies = (bookId: string, copies: number) =>
      expect
        .poll(async () => (await gql(routerB!.url, 'mutation($b: ID!, $n: Int!) { setLendingCopies(bookId: $b, copies: $n) { totalCopies } }', { b: bookId, n: copies }, { token: admin })).data?.setLendingCopies?.totalCopies, {
          timeout: 60_000,
          interval: 200,
        })
        .toBe(copies);
    const borrow = async (bookId: string, token: string) => (await viaB('mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: bookId }, token)).borrowBook.id as string;
    const placeHold = async (bookId: string, token: string) => (await viaB('mutation($b: ID!) { placeHold(bookId: $b) { id } }', { b: bookId }, token)).placeHold.id as string;

    const bookId = await lendable('Two Copies of Nothing', 1);
    const loanId = await borrow(bookId, reader);
    const holdId = await placeHold(bookId, member);

    client = connectWs(routerA!.url, { token: member });
    const updates = client.subscribe<{ myLibraryUpdates: { kind: string; hold: { id: string; book: { title: string } } | null } }>(
      'subscription { myLibraryUpdates { kind hold { id book { title } } } }',
    );
    const heard = (id: string) => updates.results.find((result) => result.data?.myLibraryUpdates.hold?.id === id);

    // No "subscribed" message exists in the protocol: probe HOLD_READY updates on another book
    // (an added copy goes to the member's hold) until one is heard.
    const probeBook = await lendable('Probe Copies', 1);
    await borrow(probeBook, reader);
    let probe = '';
    await expect
      .poll(
        async () => {
          if (probe && heard(probe)) return true;
          if (probe) {
            await viaB('mutation($h: ID!) { cancelHold(holdId: $h) { id } }', { h: probe }, member);
            await setCopies(probeBook, 1);
          }
          probe = await placeHold(probeBook, member);
          await setCopies(probeBook, 2);
          return false;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe(true);

    await viaB('mutation($l: ID!) { returnBook(loanId: $l) { status } }', { l: loanId }, admin);
    await expect.poll(() => heard(holdId), { timeout: 30_000 }).toBeDefined();
    expect(heard(holdId)!.data!.myLibraryUpdates).toEqual({ kind: 'HOLD_READY', hold: { id: holdId, book: { title: 'Two Copies of Nothing' } } });
    // Six processes start on a loaded 2-core machine: minutes, well under one when idle.
  }, 300_000);
});
