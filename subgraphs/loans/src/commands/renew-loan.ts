import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { hasWaitingHolds } from '../db/holds.js';
import { lockLendingCopies } from '../db/lending-copies.js';
import { bookOfLoan, lockLoan, updateLoan, type LoanRow } from '../db/loans.js';
import { requireBorrower } from '../domain/access.js';
import { dueSoonNoticeOf } from '../domain/due-dates.js';
import { checkNoOneWaits } from '../domain/holds.js';
import { planRenewal } from '../domain/loan-changes.js';
import type { LoansDependencies } from '../deps.js';

/**
 * renewLoan: a later due date and new delayed `loan.due` and `loan.due_soon` events for it. The
 * earlier events stay in the outbox; when they come they find the later due date and change
 * nothing. Refused while others wait for the book: the book's copies row is locked first, so a
 * hold placed meanwhile is either seen here or placed after the renewal.
 */
export async function renewLoan({ events, rules }: LoansDependencies, viewer: Viewer, loanId: string): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const bookId = await bookOfLoan(tx, loanId);
    if (!bookId) throw new NotFoundError(`Loan ${loanId} (loanId)`);
    await lockLendingCopies(tx, bookId);
    const locked = await lockLoan(tx, loanId);
    if (!locked) throw new NotFoundError(`Loan ${loanId} (loanId)`);
    requireBorrower(viewer, locked.loan);
    const renewal = planRenewal(locked.loan, rules, locked.now);
    checkNoOneWaits(loanId, await hasWaitingHolds(tx, bookId));
    const loan = await updateLoan(tx, loanId, renewal);
    await emit(event('loan.due', { loanId }, loan.dueAt), dueSoonNoticeOf(loan));
    return loan;
  });
}
