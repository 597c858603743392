import { NotFoundError } from '@bookstore/server-core';
import { lendableBook } from '../db/books.js';
import { lockLendingCopies, saveLendingCopies } from '../db/lending-copies.js';
import { checkCopiesCoverLoans } from '../domain/lending-copies.js';
import type { LoansDependencies } from '../deps.js';

/** setLendingCopies: never fewer than the copies out on loan, checked under the copies' row lock. */
export async function setLendingCopies({ db }: LoansDependencies, bookId: string, copies: number): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await lendableBook(tx, bookId))) throw new NotFoundError(`Book ${bookId} (bookId)`);
    const current = await lockLendingCopies(tx, bookId);
    checkCopiesCoverLoans(bookId, copies, current?.onLoan ?? 0);
    await saveLendingCopies(tx, bookId, copies);
  });
}
