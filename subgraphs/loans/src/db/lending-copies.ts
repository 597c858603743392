import type { Database } from '@bookstore/subgraph-runtime';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BookCopies, LendingCopies } from '../domain/lending-copies.js';
import { holdsTable, lendingCopiesTable, loansTable } from './schema.js';

export interface BookCopiesRow extends BookCopies {
  bookId: string;
}

const copiesColumns = { totalCopies: lendingCopiesTable.totalCopies, onLoan: lendingCopiesTable.onLoan, setAside: lendingCopiesTable.setAside };

/**
 * The copies of several books, the earliest due date of each one's open loans and the number of
 * its WAITING holds, in one statement (the open-loans and queue indexes make each subquery an
 * index probe). Books without lending copies have no row.
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
      holdsWaiting: sql<number>`(select count(*)::int from ${holdsTable} as queued where queued.book_id = ${lendingCopiesTable}.book_id and queued.status = 'WAITING')`,
    })
    .from(lendingCopiesTable)
    .where(inArray(lendingCopiesTable.bookId, [...bookIds]));
}

/**
 * Locks a book's copies row: the first lock of every command that lends, returns, holds or
 * changes copies of a book, so those commands serialise per book and take their other locks
 * (the borrower's, a loan's, holds') always after this one, never in the reverse order.
 */
export async function lockLendingCopies(db: Database, bookId: string): Promise<LendingCopies | undefined> {
  const [row] = await db.select(copiesColumns).from(lendingCopiesTable).where(eq(lendingCopiesTable.bookId, bookId)).for('update');
  return row;
}

/** Sets a book's number of lending copies; returns its copies as they now are. */
export async function saveLendingCopies(db: Database, bookId: string, totalCopies: number): Promise<LendingCopies> {
  const [row] = await db
    .insert(lendingCopiesTable)
    .values({ bookId, totalCopies })
    .onConflictDoUpdate({ target: lendingCopiesTable.bookId, set: { totalCopies, updatedAt: sql`now()` } })
    .returning(copiesColumns);
  return row!;
}

/**
 * Takes a free copy (neither on loan nor set aside) for a loan: false when none is free. A
 * conditional UPDATE, so even a caller that skipped the row lock could not take a copy twice.
 */
export async function takeCopy(db: Database, bookId: string): Promise<boolean> {
  const taken = await db
    .update(lendingCopiesTable)
    .set({ onLoan: sql`${lendingCopiesTable.onLoan} + 1`, updatedAt: sql`now()` })
    .where(and(eq(lendingCopiesTable.bookId, bookId), lt(sql`${lendingCopiesTable.onLoan} + ${lendingCopiesTable.setAside}`, lendingCopiesTable.totalCopies)))
    .returning({ bookId: lendingCopiesTable.bookId });
  return taken.length > 0;
}

/**
 * Moves counted copies between the shelf, loans and holds: `onLoan` and `setAside` change by the
 * given amounts in one UPDATE, and the table's CHECKs refuse any result below zero or beyond the
 * total. Returns the counts after the change.
 */
export async function moveCopies(db: Database, bookId: string, change: { onLoan?: number; setAside?: number }): Promise<LendingCopies> {
  const [row] = await db
    .update(lendingCopiesTable)
    .set({
      onLoan: sql`${lendingCopiesTable.onLoan} + ${change.onLoan ?? 0}`,
      setAside: sql`${lendingCopiesTable.setAside} + ${change.setAside ?? 0}`,
      updatedAt: sql`now()`,
    })
    .where(eq(lendingCopiesTable.bookId, bookId))
    .returning(copiesColumns);
  return row!;
}
