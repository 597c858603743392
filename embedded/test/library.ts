import { randomUUID } from 'node:crypto';
import { gql } from '@bookstore/testing';
import { expect } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

/** The library calls the myLibraryUpdates tests make through one router, staff calls with `staffToken` (a LIBRARIAN or an ADMIN). */
export interface LibraryDesk {
  /** A call that must succeed; returns its data. */
  must(query: string, variables: Record<string, unknown>, token: string): Promise<Data>;
  /** A new member, signed in. */
  register(): Promise<{ token: string; id: string }>;
  /** A new catalog book lent in `copies` copies, once loans has heard of it. */
  lendableBook(title: string, copies: number): Promise<string>;
  /** setLendingCopies, retried while loans has not yet heard of the book (its book.changed is on the way). */
  setCopies(bookId: string, copies: number): Promise<void>;
  /** borrowBook; the loan's id. */
  borrow(bookId: string, token: string): Promise<string>;
  placeHold(bookId: string, token: string): Promise<{ id: string; position: number }>;
  /**
   * Resolves once `member`'s myLibraryUpdates subscription is live. graphql-ws has no "subscribed"
   * message: on a book of its own (its one copy lent to `borrower`) this places probe holds for the
   * member and adds a copy, which hands it to the hold (HOLD_READY), until `heard` finds one of
   * those updates.
   */
  untilSubscribed(member: string, borrower: string, heard: (holdId: string) => unknown): Promise<void>;
}

export function libraryDesk(routerUrl: string, staffToken: string): LibraryDesk {
  const must = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await gql(routerUrl, query, variables, { token });
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const setCopies = async (bookId: string, copies: number) => {
    await expect
      .poll(async () => (await gql(routerUrl, 'mutation($b: ID!, $n: Int!) { setLendingCopies(bookId: $b, copies: $n) { totalCopies } }', { b: bookId, n: copies }, { token: staffToken })).data?.setLendingCopies?.totalCopies, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(copies);
  };
  const lendableBook = async (title: string, copies: number) => {
    const created = await must('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title, authorNames: ['Lena Library'], price: '5.00', stock: 1 } }, staffToken);
    const bookId = created.createBook.id as string;
    await setCopies(bookId, copies);
    return bookId;
  };
  const borrow = async (bookId: string, token: string) => (await must('mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: bookId }, token)).borrowBook.id as string;
  const placeHold = async (bookId: string, token: string) => (await must('mutation($b: ID!) { placeHold(bookId: $b) { id position } }', { b: bookId }, token)).placeHold as { id: string; position: number };
  return {
    must,
    setCopies,
    lendableBook,
    borrow,
    placeHold,
    async register() {
      const name = `lib_${randomUUID().slice(0, 8)}`;
      const res = await gql(routerUrl, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', { i: { email: `${name}@example.com`, username: name, password: 'a patient library member 7' } });
      return { token: res.data!.register.accessToken as string, id: res.data!.register.user.id as string };
    },
    async untilSubscribed(member, borrower, heard) {
      const probeBook = await lendableBook('Probe Copies', 1);
      await borrow(probeBook, borrower);
      let probe = '';
      await expect
        .poll(
          async () => {
            if (probe && heard(probe)) return true;
            if (probe) {
              await must('mutation($h: ID!) { cancelHold(holdId: $h) { id } }', { h: probe }, member);
              await setCopies(probeBook, 1);
            }
            probe = (await placeHold(probeBook, member)).id;
            await setCopies(probeBook, 2);
            return false;
          },
          { timeout: 90_000, interval: 500 },
        )
        .toBe(true);
    },
  };
}
