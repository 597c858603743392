import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { returnCopy } from '../db/lending-copies.js';
import { lockLoan, updateLoan, type LoanRow } from '../db/loans.js';
import { requireLoanAccess } from '../domain/access.js';
import { checkReturnable } from '../domain/loan-changes.js';
import type { LoansDependencies } from '../deps.js';

/** returnBook: the loan RETURNED and its copy back on the shelf, together or not at all. */
export async function returnBook({ db }: LoansDependencies, viewer: Viewer, loanId: string): Promise<LoanRow> {
  return db.transaction(async (tx) => {
    const locked = await lockLoan(tx, loanId);
    if (!locked) throw new NotFoundError(`Loan ${loanId} (loanId)`);
    requireLoanAccess(viewer, locked.loan);
    checkReturnable(locked.loan);
    await returnCopy(tx, locked.loan.bookId);
    return updateLoan(tx, loanId, { status: 'RETURNED', returnedAt: locked.now });
  });
}
