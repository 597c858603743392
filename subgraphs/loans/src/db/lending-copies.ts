import type { Database } from '@bookstore/subgraph-runtime';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BookCopies, LendingCopies } from '../domain/lending-copies.js';
import { lendingCopiesTable, loansTable } from './schema.js';

export interface BookCopiesRow extends BookCopies {
  bookId: string;
}

const copiesColumns = { totalCopies: lendingCopiesTable.totalCopies, onLoan: lendingCopiesTable.onLoan };

/**
 * The copies of several books and the earliest due date of each one's open loans, in one
 * statement (the open-loans index makes each min() a single index probe). Books without
 * lending copies have no row.
 */
export async function copiesOfBooks(db: Database, bookIds: readonly string[]): Promise<BookCopiesRow[]> {
  return db
    .select({
      bookId: lendingCopiesTable.bookId,
      ...copiesColumns,
      // Spelled out with an alias: drizzle leaves column names unqualified in a one-table select,
      // which inside the subquery would compare the loans' book_id with itself.
      earliestDueAt: sql<Date | null>`(select min(open_loans.due_at) from ${loansTable} as open_loans where open_loans.book_id = ${lendingCopiesTable}.book_id and open_loans.status <> 'RETURNED')`.mapWith(
        loansTable.dueAt,
      ),
    })
    .from(lendingCopiesTable)
    .where(inArray(lendingCopiesTable.bookId, [...bookIds]));
}

export async function lendingCopiesOf(db: Database, bookId: string): Promise<LendingCopies | undefined> {
  const [row] = await db.select(copiesColumns).from(lendingCopiesTable).where(eq(lendingCopiesTable.bookId, bookId));
  return row;
}

/** Locks a book's copies while their number changes, so a borrow in between waits and sees the new number. */
export async function lockLendingCopies(db: Database, bookId: string): Promise<LendingCopies | undefined> {
  const [row] = await db.select(copiesColumns).from(lendingCopiesTable).where(eq(lendingCopiesTable.bookId, bookId)).for('update');
  return row;
}

export async function saveLendingCopies(db: Database, bookId: string, totalCopies: number): Promise<void> {
  await db
    .insert(lendingCopiesTable)
    .values({ bookId, totalCopies })
    .onConflictDoUpdate({ target: lendingCopiesTable.bookId, set: { totalCopies, updatedAt: sql`now()` } });
}

/**
 * Takes a free copy for a loan: false when none is free. One conditional UPDATE, so of two
 * borrowers racing for the last copy the second waits on the row, re-reads it and finds none.
 */
export async function takeCopy(db: Database, bookId: string): Promise<boolean> {
  const taken = await db
    .update(lendingCopiesTable)
    .set({ onLoan: sql`${lendingCopiesTable.onLoan} + 1`, updatedAt: sql`now()` })
    .where(and(eq(lendingCopiesTable.bookId, bookId), lt(lendingCopiesTable.onLoan, lendingCopiesTable.totalCopies)))
    .returning({ bookId: lendingCopiesTable.bookId });
  return taken.length > 0;
}

/** Puts a returned copy back; the table's CHECK refuses to go below zero. */
export async function returnCopy(db: Database, bookId: string): Promise<void> {
  await db
    .update(lendingCopiesTable)
    .set({ onLoan: sql`${lendingCopiesTable.onLoan} - 1`, updatedAt: sql`now()` })
    .where(eq(lendingCopiesTable.bookId, bookId));
}
