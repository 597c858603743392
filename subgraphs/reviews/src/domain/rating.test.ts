import { describe, expect, it } from 'vitest';
import { NO_RATINGS, ratingAdded, ratingChanged, ratingRemoved, ratingTotals, summarizeRatings, type RatingTotals } from './rating.js';

/** Applies deltas the way the database's increments do. */
function apply(totals: RatingTotals, ...deltas: (RatingTotals | null)[]): RatingTotals {
  return deltas.reduce<RatingTotals>(
    (acc, delta) => (delta ? { count: acc.count + delta.count, sum: acc.sum + delta.sum, stars: acc.stars.map((n, i) => n + delta.stars[i]!) as RatingTotals['stars'] } : acc),
    totals,
  );
}

describe('rating totals', () => {
  it('count, sum and one bucket per star', () => {
    expect(ratingTotals([5, 3, 5, 1])).toEqual({ count: 4, sum: 14, stars: [1, 0, 1, 0, 2] });
    expect(ratingTotals([])).toEqual(NO_RATINGS);
  });

  it('an added review increments its bucket, a removed one decrements it', () => {
    expect(ratingAdded(4)).toEqual({ count: 1, sum: 4, stars: [0, 0, 0, 1, 0] });
    expect(ratingRemoved(2)).toEqual({ count: -1, sum: -2, stars: [0, -1, 0, 0, 0] });
  });

  it('a changed rating moves one review between buckets and keeps the count', () => {
    expect(ratingChanged(2, 5)).toEqual({ count: 0, sum: 3, stars: [0, -1, 0, 0, 1] });
    expect(ratingChanged(5, 1)).toEqual({ count: 0, sum: -4, stars: [1, 0, 0, 0, -1] });
    expect(ratingChanged(3, 3)).toBeNull();
  });

  it('any sequence of adds, changes and removals ends at the totals of the reviews left', () => {
    const totals = apply(NO_RATINGS, ratingAdded(5), ratingAdded(3), ratingAdded(1), ratingChanged(3, 4), ratingRemoved(1), ratingChanged(5, 2), ratingAdded(5));
    expect(totals).toEqual(ratingTotals([4, 2, 5]));
  });
});

describe('summarizeRatings', () => {
  it('has no average without reviews', () => {
    expect(summarizeRatings(NO_RATINGS)).toEqual({ average: null, count: 0, distribution: [0, 0, 0, 0, 0] });
  });

  it('rounds the average to two decimals, half up', () => {
    expect(summarizeRatings(ratingTotals([5, 4, 4])).average).toBe(4.33);
    expect(summarizeRatings(ratingTotals([5, 5, 4])).average).toBe(4.67);
    // 33 / 8 = 4.125 exactly
    expect(summarizeRatings(ratingTotals([5, 5, 5, 5, 5, 4, 3, 1])).average).toBe(4.13);
    expect(summarizeRatings(ratingTotals([2, 3])).average).toBe(2.5);
  });

  it('lists the distribution from 1 star to 5 stars', () => {
    expect(summarizeRatings(ratingTotals([1, 1, 5, 3]))).toEqual({ average: 2.5, count: 4, distribution: [2, 0, 1, 0, 1] });
  });
});
