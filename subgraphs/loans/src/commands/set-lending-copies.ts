import { NotFoundError } from '@bookstore/server-core';
import { lendableBook } from '../db/books.js';
import { lockLendingCopies, saveLendingCopies } from '../db/lending-copies.js';
import { databaseNow } from '../db/loans.js';
import { checkCopiesCoverLoans } from '../domain/lending-copies.js';
import type { LoansDependencies } from '../deps.js';
import { passCopiesOn } from './hold-queue.js';

/**
 * setLendingCopies: never fewer than the copies out on loan or set aside, checked under the
 * copies' row lock; copies added go to the book's queue first.
 */
export async function setLendingCopies({ events, rules }: LoansDependencies, bookId: string, copies: number): Promise<void> {
  await events.transaction(async (tx, emit) => {
    if (!(await lendableBook(tx, bookId))) throw new NotFoundError(`Book ${bookId} (bookId)`);
    const current = await lockLendingCopies(tx, bookId);
    checkCopiesCoverLoans(bookId, copies, current);
    const saved = await saveLendingCopies(tx, bookId, copies);
    await passCopiesOn(tx, emit, rules, bookId, saved, await databaseNow(tx));
  });
}
