import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_REVIEWED_BOOKS, planDemoReviews } from './demo-reviews.js';

const NOW = new Date('2026-05-15T12:00:00.000Z');
const books = Array.from({ length: 30 }, (_, i) => ({ id: randomUUID(), title: `Book ${i}` }));
const reviewers = Array.from({ length: 4 }, () => ({ id: randomUUID() }));

describe('planDemoReviews', () => {
  const plan = planDemoReviews(books, reviewers, NOW);

  it('reviews the first books, 2 to 4 times each, by different reviewers', () => {
    const reviewedBooks = new Set(plan.map((review) => review.bookId));
    expect([...reviewedBooks]).toEqual(books.slice(0, DEMO_REVIEWED_BOOKS).map((book) => book.id));
    for (const bookId of reviewedBooks) {
      const authors = plan.filter((review) => review.bookId === bookId).map((review) => review.authorId);
      expect(authors.length).toBeGreaterThanOrEqual(2);
      expect(authors.length).toBeLessThanOrEqual(4);
      expect(new Set(authors).size).toBe(authors.length);
    }
    expect(new Set(plan.map((review) => review.authorId))).toEqual(new Set(reviewers.map((reviewer) => reviewer.id)));
  });

  it('varies ratings from 3 to 5, fills in titles, and dates every review in the past', () => {
    expect(new Set(plan.map((review) => review.rating))).toEqual(new Set([3, 4, 5]));
    expect(plan.some((review) => review.body?.includes('Book 0') || review.body?.includes('Book 1'))).toBe(true);
    expect(plan.every((review) => !`${review.title}${review.body}`.includes('{title}'))).toBe(true);
    expect(plan.every((review) => review.createdAt < NOW)).toBe(true);
    expect(planDemoReviews(books, reviewers, NOW)).toEqual(plan);
  });

  it('uses only as many reviewers as there are, and reviews a book listed twice once', () => {
    const one = reviewers.slice(0, 1);
    const twice = [books[0]!, books[0]!];
    expect(planDemoReviews(twice, one, NOW)).toHaveLength(1);
    expect(planDemoReviews(books, [], NOW)).toEqual([]);
  });
});
