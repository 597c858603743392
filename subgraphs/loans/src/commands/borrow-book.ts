import { NotFoundError } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { lendableBook } from '../db/books.js';
import { activeHoldsOfMember, updateHold } from '../db/holds.js';
import { lockLendingCopies, moveCopies, takeCopy } from '../db/lending-copies.js';
import { insertLoan, lockBorrower, openLoansOfBorrower, type LoanRow } from '../db/loans.js';
import { checkBorrower, type Lender } from '../domain/borrowing.js';
import { dueDateOf, dueSoonNoticeOf } from '../domain/due-dates.js';
import { noCopyFreeError } from '../domain/lending-copies.js';
import type { LoansDependencies } from '../deps.js';

/**
 * borrowBook (the signed-in member) and checkOutBook (staff at the desk, for a member), in one
 * transaction: the book's copies row locked first (every command's first lock), the borrower's
 * rules under the borrower's lock, then the copy set aside for the borrower's READY hold (the
 * hold FULFILLED) or else a free copy, the loan, and its delayed `loan.due` and `loan.due_soon`
 * events (the outbox holds them until then, so they survive restarts). Any failure rolls all of
 * it back.
 */
export async function borrowBook({ events, rules }: LoansDependencies, borrowerId: string, bookId: string, lender: Lender): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const copies = await lockLendingCopies(tx, bookId);
    const now = await lockBorrower(tx, borrowerId);
    const book = await lendableBook(tx, bookId);
    if (!book) throw new NotFoundError(`Book ${bookId} (bookId)`);
    checkBorrower(bookId, await openLoansOfBorrower(tx, borrowerId), rules, now, lender);
    const ready = (await activeHoldsOfMember(tx, borrowerId)).find((hold) => hold.bookId === bookId && hold.status === 'READY');
    if (ready) {
      await moveCopies(tx, bookId, { setAside: -1, onLoan: 1 });
      await updateHold(tx, ready.id, { status: 'FULFILLED' });
    } else if (!(await takeCopy(tx, bookId))) {
      throw noCopyFreeError(book, copies ?? null);
    }
    const loan = await insertLoan(tx, { bookId, borrowerId, borrowedAt: now, dueAt: dueDateOf(now, rules) });
    // Delayed until their time: the relay's regular poll finds them then.
    await emit(event('loan.due', { loanId: loan.id }, loan.dueAt), dueSoonNoticeOf(loan));
    return loan;
  });
}
