import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { adjustBookRating } from '../db/ratings.js';
import { deleteReviewRow, lockReview, type ReviewRow } from '../db/reviews.js';
import { ratingRemoved } from '../domain/rating.js';
import { assertMayDelete } from '../domain/review-access.js';
import type { ReviewsDependencies } from '../deps.js';

/** `deleteReview`, by its author or a LIBRARIAN or ADMIN (moderation): the row goes, and its rating leaves the book's totals. */
export async function deleteReview({ db }: ReviewsDependencies, viewer: Viewer, id: string): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, id);
    if (!review) throw new NotFoundError(`Review ${id}`);
    assertMayDelete(viewer, review.authorId);
    await deleteReviewRow(tx, id);
    await adjustBookRating(tx, review.bookId, ratingRemoved(review.rating));
    return review;
  });
}
