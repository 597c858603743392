import { NotFoundError } from '@bookstore/server-core';
import type { Database } from '@bookstore/subgraph-runtime';
import { lockLendingCopies } from '../db/lending-copies.js';
import { bookOfLoan, lockLoan, type LoanRow } from '../db/loans.js';

/**
 * Locks a loan for a change by its borrower or staff (a return, a renewal): its book's copies row
 * first, then the loan, the one lock order every command keeps. NOT_FOUND when there is no such
 * loan (or it vanished between the two reads). Returns the database's now with it.
 */
export async function lockLoanAndItsCopies(tx: Database, loanId: string): Promise<{ bookId: string; loan: LoanRow; now: Date }> {
  const bookId = await bookOfLoan(tx, loanId);
  if (!bookId) throw new NotFoundError(`Loan ${loanId} (loanId)`);
  await lockLendingCopies(tx, bookId);
  const locked = await lockLoan(tx, loanId);
  if (!locked) throw new NotFoundError(`Loan ${loanId} (loanId)`);
  return { bookId, ...locked };
}
