import { ConflictError } from '@bookstore/server-core';
import { isPastDue, renewedDueDate } from './due-dates.js';
import type { LoanRules } from './rules.js';
import type { Loan } from './types.js';

/** returnBook: a loan is returned once; OVERDUE loans can (and should) be returned too. */
export function checkReturnable(loan: Pick<Loan, 'id' | 'status' | 'returnedAt'>): void {
  if (loan.status === 'RETURNED') {
    throw new ConflictError(`Loan ${loan.id} (loanId) was returned already, at ${loan.returnedAt?.toISOString()}.`, 'loanId');
  }
}

export interface Renewal {
  dueAt: Date;
  renewals: number;
}

/** renewLoan: an open loan not yet overdue, renewed fewer than `maxRenewals` times, runs one more period. */
export function planRenewal(loan: Pick<Loan, 'id' | 'status' | 'dueAt' | 'renewals'>, rules: LoanRules, now: Date): Renewal {
  if (loan.status === 'RETURNED') throw new ConflictError(`Loan ${loan.id} (loanId) was returned already, so it cannot be renewed.`, 'loanId');
  if (isPastDue(loan, now)) {
    throw new ConflictError(`Loan ${loan.id} (loanId) is overdue (it was due ${loan.dueAt.toISOString()}) and cannot be renewed; return it instead.`, 'loanId');
  }
  if (loan.renewals >= rules.maxRenewals) {
    throw new ConflictError(`Loan ${loan.id} (loanId) was renewed ${loan.renewals} times already, the most allowed (${rules.maxRenewals}).`, 'loanId');
  }
  return { dueAt: renewedDueDate(loan.dueAt, rules), renewals: loan.renewals + 1 };
}
