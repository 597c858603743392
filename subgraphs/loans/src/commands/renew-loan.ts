import type { Viewer } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { hasWaitingHolds } from '../db/holds.js';
import { updateLoan, type LoanRow } from '../db/loans.js';
import { requireBorrower } from '../domain/access.js';
import { dueSoonNoticeOf } from '../domain/due-dates.js';
import { checkNoOneWaits } from '../domain/holds.js';
import { planRenewal } from '../domain/loan-changes.js';
import type { LoansDependencies } from '../deps.js';
import { lockLoanAndItsCopies } from './lock-loan.js';

/**
 * renewLoan: a later due date and new delayed `loan.due` and `loan.due_soon` events for it. The
 * earlier events stay in the outbox; when they come they find the later due date and change
 * nothing. Refused while others wait for the book: the book's copies row is locked first, so a
 * hold placed meanwhile is either seen here or placed after the renewal.
 */
export async function renewLoan({ events, rules }: LoansDependencies, viewer: Viewer, loanId: string): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const locked = await lockLoanAndItsCopies(tx, loanId);
    requireBorrower(viewer, locked.loan);
    const renewal = planRenewal(locked.loan, rules, locked.now);
    checkNoOneWaits(loanId, await hasWaitingHolds(tx, locked.bookId));
    const loan = await updateLoan(tx, loanId, renewal);
    await emit(event('loan.due', { loanId }, loan.dueAt), dueSoonNoticeOf(loan));
    return loan;
  });
}
