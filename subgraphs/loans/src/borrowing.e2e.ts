import { randomUUID } from 'node:crypto';
import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectError } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from './domain/rules.js';
import { availabilityOf, borrow, BORROW, RENEW, RETURN, SET_COPIES, type LoanView } from './testing/documents.js';
import { knownBook, startLoans, type Caller, type LoansHarness } from './testing/harness.js';

const MAX_ACTIVE_LOANS = 2;

let loans: LoansHarness;

beforeAll(async () => {
  loans = await startLoans({ kind: 'postgres', rules: { maxActiveLoans: MAX_ACTIVE_LOANS } });
});
afterAll(() => loans?.stop());

async function onLoan(bookId: string): Promise<number | undefined> {
  const [row] = await queryRows<{ on_loan: number }>(loans.db, sql`select on_loan from loans.lending_copies where book_id = ${bookId}`);
  return row?.on_loan;
}

async function openLoansOf(borrower: Caller): Promise<number> {
  const [row] = await queryRows<{ count: number }>(loans.db, sql`select count(*)::int as count from loans.loans where borrower_id = ${borrower.id} and status <> 'RETURNED'`);
  return row!.count;
}

describe('borrowBook', () => {
  it('lends a copy for 14 days and schedules its loan.due job for the due date', async () => {
    const bookId = await loans.book({ copies: 2 });
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, bookId);
    expect(loan).toMatchObject({ book: { id: bookId }, borrower: { id: reader.id }, status: 'ACTIVE', returnedAt: null, renewals: 0 });
    expect(Date.parse(loan.dueAt) - Date.parse(loan.borrowedAt)).toBe(14 * DAY_MS);
    expect(Math.abs(Date.parse(loan.borrowedAt) - Date.now())).toBeLessThan(60_000);
    expect(await onLoan(bookId)).toBe(1);
    expect(await loans.dueEvents(loan.id)).toEqual([{ id: expect.any(String), deliverAt: new Date(loan.dueAt) }]);
    expect(await availabilityOf(loans, bookId)).toEqual({ totalCopies: 2, availableCopies: 1, available: true, nextDueAt: null });
  });

  it('answers NOT_FOUND naming bookId for a book loans never heard of, or one the catalog deleted', async () => {
    const reader = await loans.caller();
    const unknown = randomUUID();
    expectError(await loans.request(BORROW, { bookId: unknown }, reader), 'NOT_FOUND', { message: new RegExp(`Book ${unknown} \\(bookId\\) was not found`) });

    const bookId = await loans.book({ title: 'Withdrawn', copies: 3 });
    const deleted = await loans.publish('book.changed', { bookId, title: 'Withdrawn', description: null, deleted: true });
    await loans.handled(deleted.id);
    expectError(await loans.request(BORROW, { bookId }, reader), 'NOT_FOUND', { message: /bookId/ });
    expectError(await loans.request(SET_COPIES, { bookId, copies: 5 }, loans.librarian), 'NOT_FOUND', { message: /bookId/ });
    expect(await openLoansOf(reader)).toBe(0);
  });

  it('needs a signed-in caller and a well-formed bookId', async () => {
    const bookId = await loans.book({ copies: 1 });
    expectError(await loans.request(BORROW, { bookId }), 'UNAUTHENTICATED');
    expectError(await loans.request(BORROW, { bookId: 'book-1' }, await loans.caller()), 'BAD_USER_INPUT', { message: /bookId/, field: 'bookId' });
    expect(await onLoan(bookId)).toBe(0);
  });

  it('answers CONFLICT when no copy is free: none lent at all, or every copy out', async () => {
    const reader = await loans.caller();
    const unlent = await loans.book({ title: 'Not Lent' });
    expectError(await loans.request(BORROW, { bookId: unlent }, reader), 'CONFLICT', { message: /no lending copies of "Not Lent"/, field: 'bookId' });
    expect(await availabilityOf(loans, unlent)).toEqual({ totalCopies: 0, availableCopies: 0, available: false, nextDueAt: null });

    const single = await loans.book({ title: 'Only One', copies: 1 });
    await borrow(loans, await loans.caller(), single);
    expectError(await loans.request(BORROW, { bookId: single }, reader), 'CONFLICT', { message: /No copy of "Only One" .* is free: all 1 lending copies are on loan/, field: 'bookId' });
    expect(await onLoan(single)).toBe(1);
    expect(await openLoansOf(reader)).toBe(0);
  });

  it('answers CONFLICT for a second open loan of the same book', async () => {
    const bookId = await loans.book({ copies: 3 });
    const reader = await loans.caller();
    const first = await borrow(loans, reader, bookId);
    expectError(await loans.request(BORROW, { bookId }, reader), 'CONFLICT', { message: new RegExp(`on loan as loan ${first.id}`), field: 'bookId' });
    expect(await onLoan(bookId)).toBe(1);

    // Once returned, it can be borrowed again.
    await loans.request(RETURN, { loanId: first.id }, reader);
    expect((await borrow(loans, reader, bookId)).id).not.toBe(first.id);
  });

  it('answers CONFLICT at MAX_ACTIVE_LOANS, and lends again once a book is back', async () => {
    const reader = await loans.caller();
    const held: LoanView[] = [];
    for (let i = 0; i < MAX_ACTIVE_LOANS; i++) held.push(await borrow(loans, reader, await loans.book({ copies: 1 })));
    const next = await loans.book({ copies: 1 });
    expectError(await loans.request(BORROW, { bookId: next }, reader), 'CONFLICT', { message: /2 books on loan, the most allowed at once \(2\)/ });
    expect(await onLoan(next)).toBe(0);

    await loans.request(RETURN, { loanId: held[0]!.id }, reader);
    expect((await borrow(loans, reader, next)).status).toBe('ACTIVE');
  });

  it('lends the last copy to exactly one of two borrowers racing for it, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const bookId = await loans.book({ copies: 1 });
      const racers = [await loans.caller(), await loans.caller()];
      const responses = await Promise.all(racers.map((racer) => loans.request(BORROW, { bookId }, racer)));
      expect(responses.filter((response) => response.data?.borrowBook)).toHaveLength(1);
      expect(responses.map(errorCode).filter((code) => code === 'CONFLICT')).toHaveLength(1);
      expect(await onLoan(bookId)).toBe(1);
      expect(await queryRows(loans.db, sql`select id from loans.loans where book_id = ${bookId}`)).toHaveLength(1);
    }
  });

  it('never lets one borrower pass MAX_ACTIVE_LOANS with concurrent borrows', async () => {
    for (let round = 0; round < 3; round++) {
      const reader = await loans.caller();
      const books = await Promise.all([1, 2, 3, 4, 5].map(() => loans.book({ copies: 1 })));
      const responses = await Promise.all(books.map((bookId) => loans.request(BORROW, { bookId }, reader)));
      expect(responses.filter((response) => response.data?.borrowBook)).toHaveLength(MAX_ACTIVE_LOANS);
      expect(responses.filter((response) => errorCode(response) === 'CONFLICT')).toHaveLength(5 - MAX_ACTIVE_LOANS);
      expect(await openLoansOf(reader)).toBe(MAX_ACTIVE_LOANS);
      // Every refused borrow put its copy back: the copy and the loan commit or roll back together.
      expect(await Promise.all(books.map(onLoan))).toEqual(responses.map((response) => (response.data?.borrowBook ? 1 : 0)));
    }
  });

  it('gives one borrower one loan of a book even when they ask twice at once', async () => {
    const bookId = await loans.book({ copies: 3 });
    const reader = await loans.caller();
    const responses = await Promise.all([1, 2].map(() => loans.request(BORROW, { bookId }, reader)));
    expect(responses.filter((response) => response.data?.borrowBook)).toHaveLength(1);
    expect(await onLoan(bookId)).toBe(1);
  });
});

describe('returnBook', () => {
  it('returns a loan and its copy together; a second return is a CONFLICT', async () => {
    const bookId = await loans.book({ copies: 1 });
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, bookId);
    const returned = await loans.request(RETURN, { loanId: loan.id }, reader);
    expect(returned.data?.returnBook).toMatchObject({ id: loan.id, status: 'RETURNED', dueAt: loan.dueAt, renewals: 0 });
    expect(Date.parse(returned.data?.returnBook.returnedAt)).toBeGreaterThanOrEqual(Date.parse(loan.borrowedAt));
    expect(await onLoan(bookId)).toBe(0);

    expectError(await loans.request(RETURN, { loanId: loan.id }, reader), 'CONFLICT', { message: /returned already/, field: 'loanId' });
    expect(await onLoan(bookId)).toBe(0);
  });

  it("takes a LIBRARIAN's or an ADMIN's return of someone's loan, and no other customer's", async () => {
    const reader = await loans.caller();
    const first = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const second = await borrow(loans, reader, await loans.book({ copies: 1 }));
    expectError(await loans.request(RETURN, { loanId: first.id }, await loans.caller()), 'FORBIDDEN');
    expectError(await loans.request(RETURN, { loanId: first.id }), 'UNAUTHENTICATED');
    expect(await loans.statusOf(first.id)).toBe('ACTIVE');

    expect((await loans.request(RETURN, { loanId: first.id }, loans.librarian)).data?.returnBook.status).toBe('RETURNED');
    expect((await loans.request(RETURN, { loanId: second.id }, loans.admin)).data?.returnBook.status).toBe('RETURNED');
  });

  it('answers NOT_FOUND for an unknown loan and BAD_USER_INPUT for a malformed id', async () => {
    expectError(await loans.request(RETURN, { loanId: randomUUID() }, loans.librarian), 'NOT_FOUND', { message: /loanId/ });
    expectError(await loans.request(RETURN, { loanId: 'loan-1' }, loans.librarian), 'BAD_USER_INPUT', { message: /loanId/, field: 'loanId' });
  });
});

describe('renewLoan', () => {
  it('moves the due date one period on from the current one, up to MAX_RENEWALS times, each with its own loan.due', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const once = (await loans.request(RENEW, { loanId: loan.id }, reader)).data?.renewLoan;
    expect(once).toMatchObject({ status: 'ACTIVE', renewals: 1, borrowedAt: loan.borrowedAt });
    expect(Date.parse(once.dueAt) - Date.parse(loan.dueAt)).toBe(14 * DAY_MS);
    const twice = (await loans.request(RENEW, { loanId: loan.id }, reader)).data?.renewLoan;
    expect(twice).toMatchObject({ renewals: 2 });
    expect(Date.parse(twice.dueAt) - Date.parse(loan.dueAt)).toBe(28 * DAY_MS);
    expect((await loans.dueEvents(loan.id)).map((due) => due.deliverAt.toISOString())).toEqual([loan.dueAt, once.dueAt, twice.dueAt]);

    expectError(await loans.request(RENEW, { loanId: loan.id }, reader), 'CONFLICT', { message: /renewed 2 times already, the most allowed \(2\)/, field: 'loanId' });
    expect((await loans.dueEvents(loan.id)).length).toBe(3);
  });

  it('refuses a returned loan, and is for the borrower only', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    for (const other of [await loans.caller(), loans.librarian, loans.admin]) {
      expectError(await loans.request(RENEW, { loanId: loan.id }, other), 'FORBIDDEN', { message: /Only the borrower/ });
    }
    expectError(await loans.request(RENEW, { loanId: randomUUID() }, reader), 'NOT_FOUND', { message: /loanId/ });
    await loans.request(RETURN, { loanId: loan.id }, reader);
    expectError(await loans.request(RENEW, { loanId: loan.id }, reader), 'CONFLICT', { message: /returned already, so it cannot be renewed/, field: 'loanId' });
  });
});

describe('loan.due', () => {
  it('leaves a loan alone until it is due, even when the event comes early or twice', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const early = await loans.publish('loan.due', { loanId: loan.id });
    await loans.handled(early.id);
    expect(await loans.statusOf(loan.id)).toBe('ACTIVE');
  });
});

describe('setLendingCopies', () => {
  it('is for LIBRARIANs and ADMINs, from 0 to 10000 copies', async () => {
    const bookId = await loans.book();
    expect((await loans.request(SET_COPIES, { bookId, copies: 3 }, loans.librarian)).data?.setLendingCopies).toEqual({
      totalCopies: 3,
      availableCopies: 3,
      available: true,
      nextDueAt: null,
    });
    expect((await loans.request(SET_COPIES, { bookId, copies: 10_000 }, loans.admin)).data?.setLendingCopies.totalCopies).toBe(10_000);
    expectError(await loans.request(SET_COPIES, { bookId, copies: 1 }, await loans.caller()), 'FORBIDDEN');
    expectError(await loans.request(SET_COPIES, { bookId, copies: 1 }), 'UNAUTHENTICATED');
    for (const copies of [-1, 10_001]) expectError(await loans.request(SET_COPIES, { bookId, copies }, loans.librarian), 'BAD_USER_INPUT', { message: /^copies must be/, field: 'copies' });
    expectError(await loans.request(SET_COPIES, { bookId: randomUUID(), copies: 1 }, loans.librarian), 'NOT_FOUND', { message: /bookId/ });
    expect((await availabilityOf(loans, bookId)).totalCopies).toBe(10_000);
  });

  it('never goes below the copies on loan, and shows when the next one is due once none is free', async () => {
    const bookId = await loans.book({ copies: 3 });
    const first = await borrow(loans, await loans.caller(), bookId);
    const second = await borrow(loans, await loans.caller(), bookId);
    expectError(await loans.request(SET_COPIES, { bookId, copies: 1 }, loans.librarian), 'CONFLICT', { message: /copies cannot be 1: 2 copies .* are on loan/, field: 'copies' });
    expect((await availabilityOf(loans, bookId)).totalCopies).toBe(3);

    const none = (await loans.request(SET_COPIES, { bookId, copies: 2 }, loans.librarian)).data?.setLendingCopies;
    expect(none).toEqual({ totalCopies: 2, availableCopies: 0, available: false, nextDueAt: first.dueAt });
    expect(Date.parse(first.dueAt)).toBeLessThan(Date.parse(second.dueAt));

    await loans.request(RETURN, { loanId: first.id }, loans.librarian);
    expect(await availabilityOf(loans, bookId)).toEqual({ totalCopies: 2, availableCopies: 1, available: true, nextDueAt: null });
    await borrow(loans, await loans.caller(), bookId);
    expect((await availabilityOf(loans, bookId)).nextDueAt).toBe(second.dueAt);
    // Stopping lending a book: only once every copy is back.
    expectError(await loans.request(SET_COPIES, { bookId, copies: 0 }, loans.librarian), 'CONFLICT', { message: /2 copies/ });
  });
});

describe('book.changed', () => {
  it('keeps the newest change of a book when events arrive out of order, and applies each once', async () => {
    const bookId = randomUUID();
    const newer = await loans.publish('book.changed', { bookId, title: 'Second Edition', description: null, deleted: false }, { occurredAt: new Date() });
    await loans.handled(newer.id);
    const older = await loans.publish('book.changed', { bookId, title: 'First Edition', description: null, deleted: true }, { occurredAt: new Date(Date.now() - 60_000) });
    await loans.handled(older.id);
    expect(await knownBook(loans.db, bookId)).toEqual({ title: 'Second Edition', deleted: false });
  });
});
