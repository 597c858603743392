import { event, type NewEvent } from '@bookstore/events';
import { DUE_SOON_NOTICE_MS, type LoanRules } from './rules.js';
import type { Loan } from './types.js';

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

/**
 * The delayed `loan.due_soon` event for a loan's current due date, DUE_SOON_NOTICE_MS before it
 * (at once when the loan is shorter). It names the due date, so after a renewal the earlier
 * event finds a different one and tells nobody.
 */
export function dueSoonNoticeOf(loan: Pick<Loan, 'id' | 'dueAt'>): NewEvent<'loan.due_soon'> {
  return event('loan.due_soon', { loanId: loan.id, dueAt: loan.dueAt.toISOString() }, new Date(loan.dueAt.getTime() - DUE_SOON_NOTICE_MS));
}

/** The `loan.due_soon` job's decision: tell the borrower only of a loan still ACTIVE, still due at the date the event names. */
export function shouldNoticeDueSoon(loan: Pick<Loan, 'status' | 'dueAt'>, noticedDueAt: string, now: Date): boolean {
  return loan.status === 'ACTIVE' && loan.dueAt.toISOString() === noticedDueAt && loan.dueAt.getTime() > now.getTime();
}
