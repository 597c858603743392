import { NotFoundError } from '@bookstore/server-core';

/**
 * A book can be reviewed once the catalog has announced it and until it deletes it; reviews
 * knows books only from the catalog's events, so one it has not heard of is not found yet.
 */
export function assertReviewable(book: { deleted: boolean } | undefined, bookId: string): void {
  if (!book || book.deleted) throw new NotFoundError(`Book ${bookId}`);
}
