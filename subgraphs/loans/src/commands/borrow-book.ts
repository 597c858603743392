import { NotFoundError } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { lendableBook } from '../db/books.js';
import { lendingCopiesOf, takeCopy } from '../db/lending-copies.js';
import { insertLoan, lockBorrower, openLoansOfBorrower, type LoanRow } from '../db/loans.js';
import { checkBorrower } from '../domain/borrowing.js';
import { dueDateOf } from '../domain/due-dates.js';
import { noCopyFreeError } from '../domain/lending-copies.js';
import type { LoansDependencies } from '../deps.js';

/**
 * borrowBook, in one transaction: the borrower's rules under the borrower's lock, a copy taken by
 * a conditional UPDATE, the loan, and its `loan.due` event delayed until the due date (the outbox
 * holds it until then, so it survives restarts). Any failure rolls all of it back.
 */
export async function borrowBook({ events, rules }: LoansDependencies, borrowerId: string, bookId: string): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const now = await lockBorrower(tx, borrowerId);
    const book = await lendableBook(tx, bookId);
    if (!book) throw new NotFoundError(`Book ${bookId} (bookId)`);
    checkBorrower(bookId, await openLoansOfBorrower(tx, borrowerId), rules, now);
    if (!(await takeCopy(tx, bookId))) throw noCopyFreeError(book, (await lendingCopiesOf(tx, bookId)) ?? null);
    const loan = await insertLoan(tx, { bookId, borrowerId, borrowedAt: now, dueAt: dueDateOf(now, rules) });
    // Delayed until the due date: the relay's regular poll finds it then.
    await emit(event('loan.due', { loanId: loan.id }, loan.dueAt));
    return loan;
  });
}
