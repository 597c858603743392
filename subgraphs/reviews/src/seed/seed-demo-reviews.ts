import type { Database } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { addMissingBooks } from '../db/books.js';
import { hasReceived } from '../db/purchases.js';
import { countNewReviews } from '../db/ratings.js';
import { reviewsTable } from '../db/schema.js';
import { ratingTotals } from '../domain/rating.js';
import { planDemoReviews } from './demo-reviews.js';

export interface DemoReviewsInput {
  /** The catalogue's books, in the order they should be reviewed (the first ones get reviews). */
  books: { id: string; title: string }[];
  /** Demo users who write the reviews; ids are the users subgraph's UUIDs. */
  reviewers: { id: string }[];
}

/**
 * Fills an empty reviews schema with demo reviews (see planDemoReviews). Does nothing once any
 * review exists, so every start of the embedded mode can call it. The reviewed books join the
 * local view of books (the catalog's own events may not have arrived yet), and their rating
 * totals are written in the same transaction, as every review write does.
 */
export async function seedDemoReviews(db: Database, input: DemoReviewsInput): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    // Two processes starting together on one database must not both see "no reviews" and seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reviews:seed-demo-reviews'))`);
    if (await hasReviews(tx)) return { inserted: 0 };

    const reviews = planDemoReviews(input.books, input.reviewers, new Date());
    if (reviews.length === 0) return { inserted: 0 };
    const reviewedIds = new Set(reviews.map((review) => review.bookId));
    const titles = new Map(input.books.map((book) => [book.id.toLowerCase(), book.title]));
    await addMissingBooks(tx, [...reviewedIds].map((id) => ({ id, title: titles.get(id)! })));
    await tx.insert(reviewsTable).values(reviews.map((review) => ({ ...review, updatedAt: review.createdAt, verifiedPurchase: hasReceived(review.authorId, review.bookId) })));
    await countNewReviews(
      tx,
      [...reviewedIds].map((bookId) => ({ bookId, totals: ratingTotals(reviews.filter((review) => review.bookId === bookId).map((review) => review.rating)) })),
    );
    return { inserted: reviews.length };
  });
}

/**
 * Whether any review exists, so seedDemoReviews would do nothing: embedded mode asks first, and
 * skips signing the demo reviewers in (three argon2 verifications) on every later start.
 */
export async function hasReviews(db: Pick<Database, 'select'>): Promise<boolean> {
  const [anyReview] = await db.select({ id: reviewsTable.id }).from(reviewsTable).limit(1);
  return anyReview !== undefined;
}
