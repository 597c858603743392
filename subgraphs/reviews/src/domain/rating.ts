/**
 * A book's rating as stored in `book_ratings`: kept by increments in the transaction of every
 * review write, so `Book.rating` is read from one row instead of scanning the reviews.
 */
export interface RatingTotals {
  count: number;
  /** Sum of the ratings, for the average. */
  sum: number;
  /** stars[0] = reviews with 1 star ... stars[4] = reviews with 5 stars. */
  stars: Stars;
}

export type Stars = [number, number, number, number, number];

/** GraphQL `RatingSummary`. */
export interface RatingSummary {
  /** Mean rating rounded to two decimals; null while nobody has rated the book. */
  average: number | null;
  count: number;
  /** distribution[0] = 1 star ... distribution[4] = 5 stars. */
  distribution: number[];
}

export const NO_RATINGS: RatingTotals = { count: 0, sum: 0, stars: [0, 0, 0, 0, 0] };

/** The totals of a set of ratings (each 1..5, as validated on input). */
export function ratingTotals(ratings: readonly number[]): RatingTotals {
  const stars: Stars = [0, 0, 0, 0, 0];
  for (const rating of ratings) stars[rating - 1]! += 1;
  return { count: ratings.length, sum: ratings.reduce((total, rating) => total + rating, 0), stars };
}

/** What adding a review with `rating` changes in its book's totals. */
export function ratingAdded(rating: number): RatingTotals {
  return ratingTotals([rating]);
}

/** What deleting a review with `rating` changes: the negated totals. */
export function ratingRemoved(rating: number): RatingTotals {
  return negated(ratingAdded(rating));
}

/** What changing a review's rating changes: one star bucket to another, the count untouched; null when nothing changes. */
export function ratingChanged(from: number, to: number): RatingTotals | null {
  if (from === to) return null;
  return combined(ratingRemoved(from), ratingAdded(to));
}

function combined(a: RatingTotals, b: RatingTotals): RatingTotals {
  return { count: a.count + b.count, sum: a.sum + b.sum, stars: a.stars.map((n, i) => n + b.stars[i]!) as Stars };
}

// 0 - n rather than -n: an untouched bucket stays 0, not -0.
function negated(totals: RatingTotals): RatingTotals {
  return { count: 0 - totals.count, sum: 0 - totals.sum, stars: totals.stars.map((n) => 0 - n) as Stars };
}

export function summarizeRatings(totals: RatingTotals): RatingSummary {
  return {
    // Integers until the one division, then rounded half up to two places (4.125 -> 4.13).
    average: totals.count === 0 ? null : Math.round((totals.sum * 100) / totals.count) / 100,
    count: totals.count,
    distribution: [...totals.stars],
  };
}
