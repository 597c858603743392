import { randomUUID } from 'node:crypto';
import { encodeCursor, queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectError, walkPages, type GraphQLResponse, type TestPage } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVAILABILITY, borrow, LOANS, RETURN, USER_LOANS, type LoanView } from './testing/documents.js';
import { startLoans, type Caller, type LoansHarness } from './testing/harness.js';

type LoanPage = TestPage<{ id: string; status: string }>;

const LOAN = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Loan { id status dueAt book { id } borrower { id } } } }';

let loans: LoansHarness;
let reader: Caller;
/** The reader's loans, newest first: four ACTIVE, then one RETURNED (the oldest). */
let readerLoans: LoanView[];

beforeAll(async () => {
  loans = await startLoans({ kind: 'postgres' });
  reader = await loans.caller();
  const made: LoanView[] = [];
  for (let i = 0; i < 5; i++) made.push(await borrow(loans, reader, await loans.book({ copies: 2 })));
  await loans.request(RETURN, { loanId: made[0]!.id }, reader);
  readerLoans = made.reverse();
});
afterAll(() => loans?.stop());

function userLoans(viewer: Caller | undefined, variables: Record<string, unknown> = {}, userId = reader.id) {
  return loans.request<{ _entities: { id: string; loans: LoanPage }[] }>(USER_LOANS, { r: [{ __typename: 'User', id: userId }], ...variables }, viewer);
}

describe('User.loans', () => {
  it('lists a user’s loans newest first, to that user, LIBRARIANs and ADMINs', async () => {
    for (const viewer of [reader, loans.librarian, loans.admin]) {
      const response = await userLoans(viewer);
      expect(response.errors).toBeUndefined();
      const page = response.data!._entities[0]!.loans;
      expect(page.totalCount).toBe(5);
      expect(page.edges.map((edge) => edge.node.id)).toEqual(readerLoans.map((loan) => loan.id));
      expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    }
  });

  it('filters by status, counting only that status', async () => {
    const returned = (await userLoans(reader, { status: 'RETURNED' })).data!._entities[0]!.loans;
    expect(returned).toMatchObject({ totalCount: 1, edges: [{ node: { id: readerLoans[4]!.id, status: 'RETURNED' } }] });
    const active = (await userLoans(reader, { status: 'ACTIVE' })).data!._entities[0]!.loans;
    expect(active.totalCount).toBe(4);
    expect(active.edges.map((edge) => edge.node.id)).toEqual(readerLoans.slice(0, 4).map((loan) => loan.id));
    expect((await userLoans(reader, { status: 'OVERDUE' })).data!._entities[0]!.loans).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('is FORBIDDEN to other customers and UNAUTHENTICATED signed out', async () => {
    expectError(await userLoans(await loans.caller()), 'FORBIDDEN');
    expectError(await userLoans(undefined), 'UNAUTHENTICATED');
  });

  it('pages several users in one query, with one more for their counts', async () => {
    const other = await loans.caller();
    await borrow(loans, other, await loans.book({ copies: 1 }));
    const representations = [reader.id, other.id, randomUUID()].map((id) => ({ __typename: 'User', id }));
    let response: GraphQLResponse<{ _entities: { loans: LoanPage }[] }> | undefined;
    const statements = await loans.countQueries(async () => {
      response = await loans.request(USER_LOANS, { r: representations, first: 2 }, loans.librarian);
    });
    expect(response?.data?._entities.map((user) => [user.loans.totalCount, user.loans.edges.length, user.loans.pageInfo.hasNextPage])).toEqual([
      [5, 2, true],
      [1, 1, false],
      [0, 0, false],
    ]);
    expect(statements).toBe(2);
  });
});

describe('Query.loans', () => {
  async function allLoanIds(status?: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      loans.db,
      sql`select id from loans.loans where ${status ? sql`status = ${status}` : sql`true`} order by borrowed_at desc, id desc`,
    );
    return rows.map((row) => row.id);
  }

  it('is for LIBRARIANs and ADMINs only', async () => {
    expect((await loans.request(LOANS, {}, loans.librarian)).errors).toBeUndefined();
    expect((await loans.request(LOANS, {}, loans.admin)).errors).toBeUndefined();
    expectError(await loans.request(LOANS, {}, reader), 'FORBIDDEN', { message: /LIBRARIAN or ADMIN/ });
    expectError(await loans.request(LOANS, {}), 'UNAUTHENTICATED');
  });

  it('pages through every loan newest first, to the last page and no further', async () => {
    const expected = await allLoanIds();
    let pages = 0;
    const seen = await walkPages(2, async (after) => {
      pages++;
      const response: GraphQLResponse<{ loans: LoanPage }> = await loans.request(LOANS, { first: 2, after }, loans.librarian);
      return response.data!.loans;
    });
    expect(seen.map((node) => node.id)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 2));
  });

  it('has no next page when the page holds exactly the rest, and nothing after the last loan', async () => {
    const expected = await allLoanIds();
    const whole = (await loans.request(LOANS, { first: expected.length }, loans.librarian)).data?.loans as LoanPage;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    expect(whole.edges).toHaveLength(expected.length);
    const beyond = (await loans.request(LOANS, { after: whole.pageInfo.endCursor }, loans.librarian)).data?.loans as LoanPage;
    expect(beyond).toEqual({ totalCount: expected.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    const none = (await loans.request(LOANS, { first: 0 }, loans.librarian)).data?.loans as LoanPage;
    expect(none).toEqual({ totalCount: expected.length, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('filters by status', async () => {
    const returned = (await loans.request(LOANS, { status: 'RETURNED' }, loans.admin)).data?.loans as LoanPage;
    expect(returned.edges.map((edge) => edge.node.id)).toEqual(await allLoanIds('RETURNED'));
    expect(returned.totalCount).toBe((await allLoanIds('RETURNED')).length);
    expect(returned.edges.every((edge) => edge.node.status === 'RETURNED')).toBe(true);
  });

  it('rejects a bad page size or cursor, naming the argument', async () => {
    expectError(await loans.request(LOANS, { first: 101 }, loans.librarian), 'BAD_USER_INPUT', { message: /first/, field: 'first' });
    expectError(await loans.request(LOANS, { first: -1 }, loans.librarian), 'BAD_USER_INPUT', { message: /first/, field: 'first' });
    expectError(await loans.request(LOANS, { after: 'nope' }, loans.librarian), 'BAD_USER_INPUT', { message: /after/, field: 'after' });
    expectError(await loans.request(LOANS, { after: encodeCursor(['TITLE', randomUUID()]) }, loans.librarian), 'BAD_USER_INPUT', { message: /after/, field: 'after' });
  });
});

describe('Loan', () => {
  it('shows its fields to its borrower, LIBRARIANs and ADMINs, and only its id to anyone else', async () => {
    const loan = readerLoans[0]!;
    const expected = { id: loan.id, status: 'ACTIVE', dueAt: loan.dueAt, book: { id: loan.book.id }, borrower: { id: reader.id } };
    for (const viewer of [reader, loans.librarian, loans.admin]) {
      expect((await loans.request(LOAN, { r: [{ __typename: 'Loan', id: loan.id }] }, viewer)).data?._entities).toEqual([expected]);
    }
    expect(errorCode(await loans.request(LOAN, { r: [{ __typename: 'Loan', id: loan.id }] }, await loans.caller()))).toBe('FORBIDDEN');
    expect(errorCode(await loans.request(LOAN, { r: [{ __typename: 'Loan', id: loan.id }] }))).toBe('UNAUTHENTICATED');
    const idOnly = await loans.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Loan { id } } }', { r: [{ __typename: 'Loan', id: loan.id }, { __typename: 'Loan', id: 'x' }] });
    expect(idOnly.data?._entities).toEqual([{ id: loan.id }, null]);
  });
});

describe('Book.availability', () => {
  it('resolves 20 books in one query, with their next due dates', async () => {
    const books: string[] = [];
    for (let i = 0; i < 20; i++) books.push(await loans.book({ copies: 1 + (i % 2) }));
    // Each book with a single copy has it out: none is free, so its next due date shows.
    const due = new Map<string, string>();
    for (const [i, bookId] of books.entries()) if (i % 2 === 0) due.set(bookId, (await borrow(loans, await loans.caller(), bookId)).dueAt);

    const representations = [...books, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: 'Book', id }));
    let response: GraphQLResponse<{ _entities: ({ id: string; availability: { totalCopies: number; available: boolean; nextDueAt: string | null } } | null)[] }> | undefined;
    const statements = await loans.countQueries(async () => {
      response = await loans.request(AVAILABILITY, { r: representations });
    });
    expect(response?.errors).toBeUndefined();
    const entities = response!.data!._entities;
    expect(entities.slice(0, 20)).toEqual(
      books.map((id, i) => ({
        id,
        availability: i % 2 === 0 ? { totalCopies: 1, availableCopies: 0, available: false, nextDueAt: due.get(id) } : { totalCopies: 2, availableCopies: 2, available: true, nextDueAt: null },
      })),
    );
    // A book loans has not heard of lends nothing; an id no book can have is no book.
    expect(entities.slice(20)).toEqual([{ id: representations[20]!.id, availability: { totalCopies: 0, availableCopies: 0, available: false, nextDueAt: null } }, null]);
    expect(statements).toBe(1);
  });
});
