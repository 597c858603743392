import { ConflictError } from '@bookstore/server-core';
import { lockBookForReview } from '../db/books.js';
import { lockCustomerPurchases } from '../db/purchases.js';
import { countNewReviews } from '../db/ratings.js';
import { insertFirstReview, type ReviewRow } from '../db/reviews.js';
import { assertReviewable } from '../domain/book-view.js';
import { ratingAdded } from '../domain/rating.js';
import type { NewReview } from '../domain/review-input.js';
import type { ReviewsDependencies } from '../deps.js';

/**
 * `addReview`: the review and its book's rating totals commit together. A second review of the
 * same book by the same author, even one racing this call, meets the unique index and is a CONFLICT.
 */
export async function addReview({ db }: ReviewsDependencies, authorId: string, review: NewReview): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    await lockCustomerPurchases(tx, authorId);
    assertReviewable(await lockBookForReview(tx, review.bookId), review.bookId);
    const row = await insertFirstReview(tx, authorId, review);
    if (!row) throw new ConflictError(`input.bookId: you have already reviewed book ${review.bookId}; change that review with updateReview instead.`, 'input.bookId');
    await countNewReviews(tx, [{ bookId: row.bookId, totals: ratingAdded(row.rating) }]);
    return row;
  });
}
