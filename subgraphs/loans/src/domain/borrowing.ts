import { ConflictError } from '@bookstore/server-core';
import { isPastDue } from './due-dates.js';
import type { LoanRules } from './rules.js';
import type { OpenLoan } from './types.js';

/**
 * Who asked: the borrower themself (borrowBook), or staff lending to a member at the desk
 * (checkOutBook), whose refusals must not read as if the librarian held the loans.
 */
export type Lender = 'self' | 'desk';

/**
 * The borrower's side of borrowBook and checkOutBook, checked under the borrower's lock so
 * concurrent borrows by one user see each other's loans. Whether a copy is free is decided by
 * the copy's own row.
 */
export function checkBorrower(bookId: string, openLoans: readonly OpenLoan[], rules: LoanRules, now: Date, lender: Lender = 'self'): void {
  const [who, have] = lender === 'self' ? ['You', 'have'] : ['The member', 'has'];
  const overdue = openLoans.find((loan) => isPastDue(loan, now));
  if (overdue) {
    throw new ConflictError(`${who} cannot borrow while loan ${overdue.id} is overdue (it was due ${overdue.dueAt.toISOString()}); return it first.`);
  }
  const sameBook = openLoans.find((loan) => loan.bookId === bookId);
  if (sameBook) {
    throw new ConflictError(`${who} already ${have} book ${bookId} (bookId) on loan as loan ${sameBook.id}; return it before borrowing it again.`, 'bookId');
  }
  if (openLoans.length >= rules.maxActiveLoans) {
    throw new ConflictError(`${who} already ${have} ${openLoans.length} books on loan, the most allowed at once (${rules.maxActiveLoans}); return one first.`);
  }
}
