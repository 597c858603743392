import type { Viewer } from '@bookstore/server-core';
import { moveCopies } from '../db/lending-copies.js';
import { updateLoan, type LoanRow } from '../db/loans.js';
import { requireLoanAccess } from '../domain/access.js';
import { checkReturnable } from '../domain/loan-changes.js';
import type { LoansDependencies } from '../deps.js';
import { passCopiesOn } from './hold-queue.js';
import { lockLoanAndItsCopies } from './lock-loan.js';

/**
 * returnBook: the loan RETURNED and its copy back on the shelf, or set aside for the first in
 * the book's queue, together or not at all. The book's copies row is locked before the loan, the
 * order every command keeps.
 */
export async function returnBook({ events, rules }: LoansDependencies, viewer: Viewer, loanId: string): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const { bookId, ...locked } = await lockLoanAndItsCopies(tx, loanId);
    requireLoanAccess(viewer, locked.loan);
    checkReturnable(locked.loan);
    const copies = await moveCopies(tx, bookId, { onLoan: -1 });
    await passCopiesOn(tx, emit, rules, bookId, copies, locked.now);
    return updateLoan(tx, loanId, { status: 'RETURNED', returnedAt: locked.now });
  });
}
