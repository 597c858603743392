import { createdAtCursor, decodeTimeIdCursor, paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import { countReviews, listReviews } from '../db/reviews.js';

/** Reviews are public: both lists need no sign-in. */
export const Query = {
  review: (_: unknown, args: { id: string }, ctx: ReviewsContext) => ctx.loaders.reviewById.load(parseId(args.id, 'id')),

  reviews: (_: unknown, args: PageArgs, ctx: ReviewsContext) =>
    paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => listReviews(ctx.deps.db, page),
      cursorOf: createdAtCursor,
      totalCount: () => countReviews(ctx.deps.db),
    }),
};
