import type { Database, RequestContext } from '@bookstore/kit';
import { createLoaders, type ReviewsLoaders } from './loaders.js';

export interface ReviewsContext extends RequestContext {
  db: Database;
  loaders: ReviewsLoaders;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createReviewsContext(db: Database, base: RequestContext): ReviewsContext {
  return { ...base, db, loaders: createLoaders(db) };
}
