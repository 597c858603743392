import type { Database } from '@bookstore/subgraph-runtime';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RatingTotals } from '../domain/rating.js';
import { bookRatingsTable } from './schema.js';

export interface BookRatingRow {
  bookId: string;
  totals: RatingTotals;
}

const t = bookRatingsTable;

/** Ratings of several books; books nobody rated have no row. */
export async function ratingsOfBooks(db: Database, bookIds: readonly string[]): Promise<BookRatingRow[]> {
  const rows = await db.select().from(t).where(inArray(t.bookId, [...bookIds]));
  return rows.map((row) => ({
    bookId: row.bookId,
    totals: { count: row.count, sum: row.sum, stars: [row.stars1, row.stars2, row.stars3, row.stars4, row.stars5] },
  }));
}

// The row being inserted, in ON CONFLICT DO UPDATE. Column names come from the schema above, never from input.
const excluded = (column: AnyPgColumn) => sql.raw(`excluded."${column.name}"`);
const plusExcluded = (column: AnyPgColumn) => sql`${column} + ${excluded(column)}`;

const incremented = (delta: RatingTotals) => ({
  count: sql`${t.count} + ${delta.count}`,
  sum: sql`${t.sum} + ${delta.sum}`,
  stars1: sql`${t.stars1} + ${delta.stars[0]}`,
  stars2: sql`${t.stars2} + ${delta.stars[1]}`,
  stars3: sql`${t.stars3} + ${delta.stars[2]}`,
  stars4: sql`${t.stars4} + ${delta.stars[3]}`,
  stars5: sql`${t.stars5} + ${delta.stars[4]}`,
});

/**
 * Counts new reviews (non-negative totals per book, each book at most once) in one atomic
 * statement within the caller's transaction: a book's first review creates its row, and
 * concurrent writers to one book queue on that row, each adding to what the previous one
 * committed, so no increment is lost.
 */
export async function countNewReviews(db: Database, additions: readonly { bookId: string; totals: RatingTotals }[]): Promise<void> {
  if (additions.length === 0) return;
  await db
    .insert(t)
    .values(
      additions.map(({ bookId, totals }) => ({
        bookId,
        count: totals.count,
        sum: totals.sum,
        stars1: totals.stars[0],
        stars2: totals.stars[1],
        stars3: totals.stars[2],
        stars4: totals.stars[3],
        stars5: totals.stars[4],
      })),
    )
    .onConflictDoUpdate({
      target: t.bookId,
      set: {
        count: plusExcluded(t.count),
        sum: plusExcluded(t.sum),
        stars1: plusExcluded(t.stars1),
        stars2: plusExcluded(t.stars2),
        stars3: plusExcluded(t.stars3),
        stars4: plusExcluded(t.stars4),
        stars5: plusExcluded(t.stars5),
      },
    });
}

/**
 * Applies a changed or deleted review's delta (see domain/rating.ts) to its book's row with one
 * atomic increment. An UPDATE, not an upsert: Postgres checks the proposed insert row, whose
 * negative counts would fail the checks, and the row exists since the review was added.
 */
export async function adjustBookRating(db: Database, bookId: string, delta: RatingTotals): Promise<void> {
  const updated = await db.update(t).set(incremented(delta)).where(eq(t.bookId, bookId)).returning({ bookId: t.bookId });
  if (updated.length === 0) throw new Error(`Book ${bookId} has reviews but no rating totals.`);
}
