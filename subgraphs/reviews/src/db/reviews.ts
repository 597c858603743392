import { countPerOwner, newestFirst, pagePerOwner, pastTimeIdCursor, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { NewReview, ReviewChanges } from '../domain/review-input.js';
import { hasReceived } from './purchases.js';
import { reviewsTable } from './schema.js';

/** Every column a `Review` is resolved from. */
export const reviewColumns = {
  id: reviewsTable.id,
  bookId: reviewsTable.bookId,
  authorId: reviewsTable.authorId,
  rating: reviewsTable.rating,
  title: reviewsTable.title,
  body: reviewsTable.body,
  verifiedPurchase: reviewsTable.verifiedPurchase,
  createdAt: reviewsTable.createdAt,
  updatedAt: reviewsTable.updatedAt,
};

export interface ReviewRow {
  id: string;
  bookId: string;
  authorId: string;
  rating: number;
  title: string | null;
  body: string | null;
  verifiedPurchase: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export async function reviewsByIds(db: Database, ids: readonly string[]): Promise<ReviewRow[]> {
  return db.select(reviewColumns).from(reviewsTable).where(inArray(reviewsTable.id, [...ids]));
}

/** Whose reviews a page lists: a book's (`Book.reviews`) or an author's (`User.reviews`). */
export type ReviewOwner = 'bookId' | 'authorId';

export type ReviewPageQuery = PageQuery<TimeIdCursor>;

/** One page of reviews (newest first) for each of several books or authors, in a single statement. */
export async function reviewPages(db: Database, owner: ReviewOwner, ownerIds: readonly string[], { after, limit }: ReviewPageQuery): Promise<ReviewRow[]> {
  const ownerColumn = reviewsTable[owner];
  return pagePerOwner<ReviewRow>(db, { owner: ownerColumn, orderBy: sql`${reviewsTable.createdAt} desc, ${reviewsTable.id} desc`, limit }, (rowNumber) =>
    db
      .select({ ...reviewColumns, rowNumber })
      .from(reviewsTable)
      .where(and(inArray(ownerColumn, [...ownerIds]), pastTimeIdCursor(reviewsTable.createdAt, reviewsTable.id, after, 'desc'))),
  );
}

/** Every review of every book, newest first: `Query.reviews`. */
export function allReviews(db: Database) {
  return newestFirst<ReviewRow>(db, { table: reviewsTable, columns: reviewColumns, time: reviewsTable.createdAt, id: reviewsTable.id });
}

/** `User.reviews.totalCount`; a book's count is kept in `book_ratings` instead. */
export function reviewCountsOfAuthors(db: Database, authorIds: readonly string[]) {
  return countPerOwner(db, reviewsTable, reviewsTable.authorId, authorIds);
}

/**
 * Inserts the author's first review of a book, verified when the author has received it;
 * undefined when the author has one already. A concurrent duplicate waits on the unique index
 * for the first to commit, then inserts nothing.
 */
export async function insertFirstReview(db: Database, authorId: string, review: NewReview): Promise<ReviewRow | undefined> {
  const [row] = await db
    .insert(reviewsTable)
    .values({ ...review, authorId, verifiedPurchase: hasReceived(authorId, review.bookId) })
    .onConflictDoNothing({ target: [reviewsTable.authorId, reviewsTable.bookId] })
    .returning(reviewColumns);
  return row;
}

/** Locks a review for a change or deletion, so concurrent writes to it apply one after another. */
export async function lockReview(db: Database, id: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select(reviewColumns).from(reviewsTable).where(eq(reviewsTable.id, id)).for('update');
  return row;
}

export async function updateReviewRow(db: Database, id: string, changes: ReviewChanges): Promise<ReviewRow> {
  const [row] = await db
    .update(reviewsTable)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(reviewsTable.id, id))
    .returning(reviewColumns);
  // Called only under lockReview's row lock, so the row is still there.
  return row!;
}

export async function deleteReviewRow(db: Database, id: string): Promise<void> {
  await db.delete(reviewsTable).where(eq(reviewsTable.id, id));
}
