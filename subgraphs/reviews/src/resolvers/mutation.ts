import { requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import type { ReviewsContext } from '../context.js';
import { addReview } from '../commands/add-review.js';
import { deleteReview } from '../commands/delete-review.js';
import { updateReview } from '../commands/update-review.js';
import { authorIdOf } from '../domain/review-access.js';
import { validateNewReview, validateReviewChanges, type AddReviewInput, type UpdateReviewInput } from '../domain/review-input.js';

export const Mutation = {
  async addReview(_: unknown, args: { input: AddReviewInput }, ctx: ReviewsContext) {
    const authorId = authorIdOf(requireViewer(ctx.viewer));
    const review = await addReview(ctx.deps, authorId, validateNewReview(args.input));
    ctx.loaders.forgetReview(review);
    return review;
  },

  async updateReview(_: unknown, args: { id: string; input: UpdateReviewInput }, ctx: ReviewsContext) {
    const viewer = requireViewer(ctx.viewer);
    const id = parseId(args.id, 'id');
    const review = await updateReview(ctx.deps, viewer, id, validateReviewChanges(args.input));
    ctx.loaders.forgetReview(review);
    return review;
  },

  async deleteReview(_: unknown, args: { id: string }, ctx: ReviewsContext) {
    const viewer = requireViewer(ctx.viewer);
    const review = await deleteReview(ctx.deps, viewer, parseId(args.id, 'id'));
    ctx.loaders.forgetReview(review);
    return true;
  },
};
