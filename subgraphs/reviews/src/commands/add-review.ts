import { ConflictError, NotFoundError, type Database, type Viewer } from '@bookstore/kit';
import { assertReviewable } from '../domain/book-view.js';
import { ratingAdded, ratingChanged, ratingRemoved } from '../domain/rating.js';
import { assertMayDelete, assertMayUpdate } from '../domain/review-access.js';
import type { NewReview, ReviewChanges } from '../domain/review-input.js';
import { lockBookForReview } from './books.js';
import { hasReceived, lockCustomerPurchases } from './purchases.js';
import { adjustBookRating, countNewReviews } from './ratings.js';
import { deleteReviewRow, lockReview, reviewColumns, updateReviewRow, type ReviewRow } from './reviews.js';
import { reviewsTable } from './schema.js';

/**
 * `addReview`: the review and its book's rating totals commit together. A second review of the
 * same book by the same author, even one racing this call, meets the unique index and is a CONFLICT.
 */
export async function addReview(db: Database, authorId: string, review: NewReview): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    await lockCustomerPurchases(tx, authorId);
    assertReviewable(await lockBookForReview(tx, review.bookId), review.bookId);
    const [row] = await tx
      .insert(reviewsTable)
      .values({ ...review, authorId, verifiedPurchase: hasReceived(authorId, review.bookId) })
      // A concurrent duplicate waits here for the first to commit, then inserts nothing.
      .onConflictDoNothing({ target: [reviewsTable.authorId, reviewsTable.bookId] })
      .returning(reviewColumns);
    if (!row) throw new ConflictError(`input.bookId: you have already reviewed book ${review.bookId}; change that review with updateReview instead.`, 'input.bookId');
    await countNewReviews(tx, [{ bookId: row.bookId, totals: ratingAdded(row.rating) }]);
    return row;
  });
}

/** `updateReview`, by its author; a new rating moves the review from one star bucket to another. */
export async function updateReview(db: Database, viewer: Viewer, id: string, changes: ReviewChanges): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, id);
    if (!review) throw new NotFoundError(`Review ${id}`);
    assertMayUpdate(viewer, review.authorId);
    const updated = await updateReviewRow(tx, id, changes);
    const delta = ratingChanged(review.rating, updated.rating);
    if (delta) await adjustBookRating(tx, review.bookId, delta);
    return updated;
  });
}

/** `deleteReview`, by its author or an ADMIN: the row goes, and its rating leaves the book's totals. */
export async function deleteReview(db: Database, viewer: Viewer, id: string): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, id);
    if (!review) throw new NotFoundError(`Review ${id}`);
    assertMayDelete(viewer, review.authorId);
    await deleteReviewRow(tx, id);
    await adjustBookRating(tx, review.bookId, ratingRemoved(review.rating));
    return review;
  });
}
