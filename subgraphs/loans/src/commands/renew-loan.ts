import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { lockLoan, updateLoan, type LoanRow } from '../db/loans.js';
import { requireBorrower } from '../domain/access.js';
import { planRenewal } from '../domain/loan-changes.js';
import type { LoansDependencies } from '../deps.js';

/**
 * renewLoan: a later due date and a new delayed `loan.due` for it. The earlier event stays in the
 * outbox; when it comes it finds the later due date and changes nothing.
 */
export async function renewLoan({ events, rules }: LoansDependencies, viewer: Viewer, loanId: string): Promise<LoanRow> {
  return events.transaction(async (tx, emit) => {
    const locked = await lockLoan(tx, loanId);
    if (!locked) throw new NotFoundError(`Loan ${loanId} (loanId)`);
    requireBorrower(viewer, locked.loan);
    const renewal = planRenewal(locked.loan, rules, locked.now);
    const loan = await updateLoan(tx, loanId, renewal);
    await emit(event('loan.due', { loanId }, loan.dueAt));
    return loan;
  });
}
