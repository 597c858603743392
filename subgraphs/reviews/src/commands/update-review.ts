import { NotFoundError, type Viewer } from '@bookstore/server-core';
import { adjustBookRating } from '../db/ratings.js';
import { lockReview, updateReviewRow, type ReviewRow } from '../db/reviews.js';
import { ratingChanged } from '../domain/rating.js';
import { assertMayUpdate } from '../domain/review-access.js';
import type { ReviewChanges } from '../domain/review-input.js';
import type { ReviewsDependencies } from '../deps.js';

/** `updateReview`, by its author; a new rating moves the review from one star bucket to another. */
export async function updateReview({ db }: ReviewsDependencies, viewer: Viewer, id: string, changes: ReviewChanges): Promise<ReviewRow> {
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
