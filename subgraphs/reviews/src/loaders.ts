import { groupLoader, isUuid, rowLoader, type Database } from '@bookstore/kit';
import DataLoader from 'dataloader';
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

/**
 * Book and user ids come from other subgraphs' representations; only UUIDs can match a row,
 * and anything else would make the uuid comparison fail in SQL, so they are answered empty.
 */
function ofUuids<V>(fetch: (ids: readonly string[]) => Promise<V[]>) {
  return async (ids: readonly string[]): Promise<V[]> => {
    const valid = ids.filter(isUuid);
    return valid.length === 0 ? [] : fetch(valid);
  };
}

export function createLoaders(db: Database): ReviewsLoaders {
  const pages = { bookId: new Map<string, DataLoader<string, ReviewRow[]>>(), authorId: new Map<string, DataLoader<string, ReviewRow[]>>() };
  const pageLoader = (owner: ReviewOwner, page: ReviewPageQuery) => {
    const key = JSON.stringify(page);
    let loader = pages[owner].get(key);
    if (!loader) {
      loader = groupLoader(
        ofUuids((ids) => reviewPages(db, owner, ids, page)),
        (review) => review[owner],
      );
      pages[owner].set(key, loader);
    }
    return loader;
  };
  const loaders: ReviewsLoaders = {
    reviewById: rowLoader(ofUuids((ids) => reviewsByIds(db, ids)), (review) => review.id),
    ratingByBookId: rowLoader(ofUuids((ids) => ratingsOfBooks(db, ids)), (rating) => rating.bookId),
    reviewsOfBook: (page) => pageLoader('bookId', page),
    reviewsOfAuthor: (page) => pageLoader('authorId', page),
    reviewCountByAuthorId: new DataLoader(async (ids) => {
      const counts = new Map((await ofUuids((valid) => reviewCountsOfAuthors(db, valid))(ids)).map((row) => [row.authorId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
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
