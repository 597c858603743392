import type { Loan } from './types.js';
import type { LoanRules } from './rules.js';

/** A new loan is due one loan period after it was borrowed. */
export function dueDateOf(borrowedAt: Date, rules: LoanRules): Date {
  return new Date(borrowedAt.getTime() + rules.loanPeriodMs);
}

/** A renewal adds one loan period to the current due date, not to the day of renewing, so renewing early gains nothing. */
export function renewedDueDate(dueAt: Date, rules: LoanRules): Date {
  return new Date(dueAt.getTime() + rules.loanPeriodMs);
}

/**
 * Whether a loan is overdue for the borrowing and renewal rules. An ACTIVE loan past its due date
 * counts too: its `loan.due` job marks it OVERDUE moments later, and a late job (a worker down)
 * must not let its borrower renew it or borrow more meanwhile.
 */
export function isPastDue(loan: Pick<Loan, 'status' | 'dueAt'>, now: Date): boolean {
  return loan.status === 'OVERDUE' || (loan.status === 'ACTIVE' && loan.dueAt.getTime() <= now.getTime());
}

/**
 * The `loan.due` job's decision: mark OVERDUE only a loan still ACTIVE whose due date has come. A
 * renewed loan's earlier job finds a later due date, and a returned loan's job finds it RETURNED.
 */
export function shouldMarkOverdue(loan: Pick<Loan, 'status' | 'dueAt'>, now: Date): boolean {
  return loan.status === 'ACTIVE' && loan.dueAt.getTime() <= now.getTime();
}
