import { BadUserInputError } from '@bookstore/server-core';
import { intInRange, notNull, optionalText, parseId } from '@bookstore/subgraph-runtime';

/** API.md: a rating is a whole number of stars. */
export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const TITLE_MAX_CHARS = 200;
export const BODY_MAX_CHARS = 5000;

/** GraphQL `AddReviewInput`. */
export interface AddReviewInput {
  bookId: string;
  rating: number;
  title?: string | null;
  body?: string | null;
}

/** GraphQL `UpdateReviewInput`: a field left out stays as it is. */
export interface UpdateReviewInput {
  rating?: number | null;
  title?: string | null;
  body?: string | null;
}

export interface NewReview {
  bookId: string;
  rating: number;
  title: string | null;
  body: string | null;
}

/** Only the fields to change; a null title or body clears it. */
export interface ReviewChanges {
  rating?: number;
  title?: string | null;
  body?: string | null;
}

/** Every addReview rule that needs no database; a failure is BAD_USER_INPUT naming the field. */
export function validateNewReview(input: AddReviewInput): NewReview {
  return {
    bookId: parseId(input.bookId, 'input.bookId'),
    rating: parseRating(input.rating),
    title: optionalText(input.title, 'input.title', TITLE_MAX_CHARS),
    body: optionalText(input.body, 'input.body', BODY_MAX_CHARS),
  };
}

/**
 * updateReview's input. Title and body may be cleared (null or blank); the rating may not, and
 * an input that names no field at all is a mistake worth telling the client about.
 */
export function validateReviewChanges(input: UpdateReviewInput): ReviewChanges {
  const changes: ReviewChanges = {};
  if (input.rating !== undefined) changes.rating = parseRating(notNull(input.rating, 'input.rating'));
  if (input.title !== undefined) changes.title = optionalText(input.title, 'input.title', TITLE_MAX_CHARS);
  if (input.body !== undefined) changes.body = optionalText(input.body, 'input.body', BODY_MAX_CHARS);
  if (Object.keys(changes).length === 0) throw new BadUserInputError('input must set at least one of rating, title and body.', 'input');
  return changes;
}

function parseRating(rating: number): number {
  return intInRange(rating, 'input.rating', MIN_RATING, MAX_RATING);
}
