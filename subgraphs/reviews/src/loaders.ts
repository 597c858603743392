import { countLoader, groupLoader, loaderPerArgs, rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { ratingsOfBooks, type BookRatingRow } from './db/ratings.js';
import { reviewCountsOfAuthors, reviewPages, reviewsByIds, type ReviewOwner, type ReviewPageQuery, type ReviewRow } from './db/reviews.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface ReviewsLoaders {
  reviewById: DataLoader<string, ReviewRow | null>;
  /** A book's rating totals; null for a book nobody has rated. Also `Book.reviews.totalCount`. */
  ratingByBookId: DataLoader<string, BookRatingRow | null>;
  /** `Book.reviews` pages; books asking for the same page (first, after) share one query. */
  reviewsOfBook(page: ReviewPageQuery): DataLoader<string, ReviewRow[]>;
  /** `User.reviews` pages, likewise. */
  reviewsOfAuthor(page: ReviewPageQuery): DataLoader<string, ReviewRow[]>;
  reviewCountByAuthorId: DataLoader<string, number>;
  /** Drops what this request cached about a review it just wrote (a mutation may be followed by another). */
  forgetReview(review: ReviewRow): void;
}

export function createLoaders(db: Database): ReviewsLoaders {
  // Book and user ids come from other subgraphs' representations (uuidsOnly).
  const pagesOf = (owner: ReviewOwner) => loaderPerArgs((page: ReviewPageQuery) => groupLoader(uuidsOnly((ids) => reviewPages(db, owner, ids, page)), (review) => review[owner]));
  const pages = { bookId: pagesOf('bookId'), authorId: pagesOf('authorId') };
  const loaders: ReviewsLoaders = {
    reviewById: rowLoader(uuidsOnly((ids) => reviewsByIds(db, ids)), (review) => review.id),
    ratingByBookId: rowLoader(uuidsOnly((ids) => ratingsOfBooks(db, ids)), (rating) => rating.bookId),
    reviewsOfBook: (page) => pages.bookId.get(page),
    reviewsOfAuthor: (page) => pages.authorId.get(page),
    reviewCountByAuthorId: countLoader(uuidsOnly((ids) => reviewCountsOfAuthors(db, ids)), (row) => row.ownerId),
    forgetReview(review) {
      loaders.reviewById.clear(review.id);
      loaders.ratingByBookId.clear(review.bookId);
      loaders.reviewCountByAuthorId.clear(review.authorId);
      pages.bookId.clear();
      pages.authorId.clear();
    },
  };
  return loaders;
}
