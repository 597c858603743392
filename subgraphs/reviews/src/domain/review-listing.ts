import { decodeCursor, isUuid } from '@bookstore/kit';

/** `Book.reviews` and `User.reviews` list newest first: the key is (createdAt, id), both descending. */
export type ReviewCursor = [createdAt: string, id: string];

export function reviewCursorOf(review: { createdAt: Date; id: string }): ReviewCursor {
  return [review.createdAt.toISOString(), review.id];
}

export function decodeReviewCursor(after: string | null | undefined): ReviewCursor | null {
  return decodeCursor(after, (key): key is ReviewCursor => key.length === 2 && isIsoInstant(key[0]) && typeof key[1] === 'string' && isUuid(key[1]));
}

// Millisecond ISO instants only: that is what reviewCursorOf writes and what created_at (precision 3) holds.
function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value));
}
