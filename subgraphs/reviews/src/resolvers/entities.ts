import { createdAtCursor, decodeTimeIdCursor, isUuid, paginate, type PageArgs } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import type { ReviewRow } from '../db/reviews.js';
import { NO_RATINGS, summarizeRatings } from '../domain/rating.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

// Loaders are keyed by the lowercase form the database returns uuids in.
const keyOf = (ref: Reference) => ref.id.toLowerCase();

export const Review = {
  /**
   * Resolves any review by id, like every subgraph's entities: reviews are public, and only the
   * router reaches `_entities`.
   */
  __resolveReference(ref: Reference, ctx: ReviewsContext) {
    return isUuid(ref.id) ? ctx.loaders.reviewById.load(keyOf(ref)) : null;
  },
  book: (review: ReviewRow) => ({ __typename: 'Book', id: review.bookId }),
  author: (review: ReviewRow) => ({ __typename: 'User', id: review.authorId }),
};

/**
 * Books are owned by the catalog; reviews adds their reviews and rating. Every id resolves, so
 * a book nobody reviewed (or reviews has not heard of yet) has no reviews rather than no entity.
 */
export const Book = {
  __resolveReference: (ref: Reference): Reference => ({ id: ref.id }),
  reviews: (book: Reference, args: PageArgs, ctx: ReviewsContext) =>
    paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.reviewsOfBook(page).load(keyOf(book)),
      cursorOf: createdAtCursor,
      // The rating row counts the book's reviews in the same transactions that write them.
      totalCount: async () => (await ctx.loaders.ratingByBookId.load(keyOf(book)))?.totals.count ?? 0,
    }),
  async rating(book: Reference, _args: unknown, ctx: ReviewsContext) {
    return summarizeRatings((await ctx.loaders.ratingByBookId.load(keyOf(book)))?.totals ?? NO_RATINGS);
  },
};

/** Users are owned by the users subgraph; reviews adds the reviews they wrote, which are public. */
export const User = {
  __resolveReference: (ref: Reference): Reference => ({ id: ref.id }),
  reviews: (user: Reference, args: PageArgs, ctx: ReviewsContext) =>
    paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.reviewsOfAuthor(page).load(keyOf(user)),
      cursorOf: createdAtCursor,
      totalCount: () => ctx.loaders.reviewCountByAuthorId.load(keyOf(user)),
    }),
};
