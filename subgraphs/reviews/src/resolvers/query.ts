import { createdAtCursor, decodeTimeIdCursor, paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import { allReviews } from '../db/reviews.js';

/** Reviews are public: both lists need no sign-in. */
export const Query = {
  review: (_: unknown, args: { id: string }, ctx: ReviewsContext) => ctx.loaders.reviewById.load(parseId(args.id, 'id')),

  reviews(_: unknown, args: PageArgs, ctx: ReviewsContext) {
    const list = allReviews(ctx.deps.db);
    return paginate(args, { decode: decodeTimeIdCursor, fetch: list.page, cursorOf: createdAtCursor, totalCount: list.count });
  },
};
