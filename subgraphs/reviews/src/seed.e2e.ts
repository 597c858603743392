import { randomUUID } from 'node:crypto';
import { queryRows } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REVIEWED_BOOKS } from './seed/demo-reviews.js';
import { seedDemoReviews } from './subgraph.js';
import { ADD_REVIEW, BOOK_RATING, bookRef } from './testing/documents.js';
import { startReviews, type ReviewsHarness } from './testing/harness.js';

// The seed runs in embedded mode, on PGlite.
let reviews: ReviewsHarness;

beforeAll(async () => {
  reviews = await startReviews('pglite');
});
afterAll(() => reviews?.stop());

describe('seedDemoReviews', () => {
  it('reviews the first books once, adds them to the book view, and keeps their ratings exact', async () => {
    const books = Array.from({ length: 30 }, (_, i) => ({ id: randomUUID(), title: `Demo book ${i}` }));
    const reviewers = Array.from({ length: 3 }, () => ({ id: randomUUID() }));
    // The catalog's event for the first book arrived before the seed: its view row is kept.
    await reviews.book({ bookId: books[0]!.id, title: 'Announced title' });

    const seeded = await seedDemoReviews(reviews.db, { books, reviewers });
    expect(seeded.inserted).toBeGreaterThanOrEqual(2 * DEMO_REVIEWED_BOOKS);
    expect(await seedDemoReviews(reviews.db, { books, reviewers })).toEqual({ inserted: 0 });

    const [{ count } = { count: 0 }] = await queryRows<{ count: number }>(reviews.db, sql`select count(*)::int as count from reviews.reviews`);
    expect(count).toBe(seeded.inserted);
    const viewed = await queryRows<{ book_id: string; title: string }>(reviews.db, sql`select book_id, title from reviews.books where deleted = false`);
    expect(viewed).toHaveLength(DEMO_REVIEWED_BOOKS);
    expect(viewed.find((book) => book.book_id === books[0]!.id)?.title).toBe('Announced title');

    const drift = await queryRows(
      reviews.db,
      sql`select br.book_id from reviews.book_ratings br
          left join (select book_id, count(*)::int as count, sum(rating)::int as sum from reviews.reviews group by book_id) r using (book_id)
          where br.count <> coalesce(r.count, 0) or br.sum <> coalesce(r.sum, 0)`,
    );
    expect(drift).toEqual([]);
    const { data } = await reviews.request(BOOK_RATING, { r: books.slice(0, 2).map((book) => bookRef(book.id)) });
    for (const book of data?._entities ?? []) expect(book.rating.average).toBeGreaterThanOrEqual(3);

    // Seeded books take reviews from real users too.
    const response = await reviews.request(ADD_REVIEW, { input: { bookId: books[1]!.id, rating: 4 } }, await reviews.caller());
    expect(response.errors).toBeUndefined();
  });
});
