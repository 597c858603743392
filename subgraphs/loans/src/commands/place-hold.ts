import { NotFoundError } from '@bookstore/server-core';
import { lendableBook } from '../db/books.js';
import { activeHoldsOfMember, insertHold, type HoldRow } from '../db/holds.js';
import { lockLendingCopies } from '../db/lending-copies.js';
import { lockBorrower, openLoansOfBorrower } from '../db/loans.js';
import { checkHoldPlacement } from '../domain/holds.js';
import type { LoansDependencies } from '../deps.js';

/**
 * placeHold: the member joins the book's queue, WAITING. Under the book's copies lock (so no copy
 * comes back in between: a free copy and a WAITING hold never exist together) and then the
 * member's (so two holds at once cannot pass MAX_ACTIVE_HOLDS together).
 */
export async function placeHold({ db, rules }: LoansDependencies, memberId: string, bookId: string): Promise<HoldRow> {
  return db.transaction(async (tx) => {
    const copies = await lockLendingCopies(tx, bookId);
    await lockBorrower(tx, memberId);
    const book = await lendableBook(tx, bookId);
    if (!book) throw new NotFoundError(`Book ${bookId} (bookId)`);
    const [activeHolds, openLoans] = [await activeHoldsOfMember(tx, memberId), await openLoansOfBorrower(tx, memberId)];
    checkHoldPlacement(book, copies, { activeHolds, openLoans }, rules);
    return insertHold(tx, { bookId, memberId });
  });
}
