import { eventTables, instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const reviewsSchema = pgSchema('reviews');

export const { outboxTable, inboxTable } = eventTables(reviewsSchema);

/**
 * What reviews knows about books, learned only from the catalog's `book.changed` events (it
 * never reads the catalog schema): a review can only be written for a book listed here and not deleted.
 */
export const booksTable = reviewsSchema.table('books', {
  bookId: uuid('book_id').primaryKey(),
  title: text('title').notNull(),
  deleted: boolean('deleted').notNull().default(false),
});

/** Who received which book, from `order.delivered`: the source of `verifiedPurchase`. */
export const purchasesTable = reviewsSchema.table(
  'purchases',
  {
    customerId: uuid('customer_id').notNull(),
    bookId: uuid('book_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.bookId] })],
);

export const reviewsTable = reviewsSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookId: uuid('book_id')
      .notNull()
      .references(() => booksTable.bookId),
    authorId: uuid('author_id').notNull(),
    rating: integer('rating').notNull(),
    title: text('title'),
    body: text('body'),
    verifiedPurchase: boolean('verified_purchase').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One review per user and book, also under concurrent addReview calls.
    uniqueIndex('reviews_author_book_unique').on(t.authorId, t.bookId),
    index('reviews_book_created_at_id_idx').on(t.bookId, t.createdAt, t.id),
    index('reviews_author_created_at_id_idx').on(t.authorId, t.createdAt, t.id),
    // Query.reviews: every review, newest first.
    index('reviews_created_at_id_idx').on(t.createdAt, t.id),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    // The API's limits again, as the last line of defence (char_length counts characters, as the API does).
    check('reviews_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('reviews_body_length', sql`char_length(${t.body}) between 1 and 5000`),
  ],
);

/**
 * Each book's rating totals, changed by atomic increments in the transaction of every review
 * write, so `Book.rating` reads one row and stays exact under concurrent writes. The checks
 * make any drift from the reviews an error instead of a silently wrong average.
 */
export const bookRatingsTable = reviewsSchema.table(
  'book_ratings',
  {
    bookId: uuid('book_id')
      .primaryKey()
      .references(() => booksTable.bookId),
    count: integer('count').notNull().default(0),
    sum: integer('sum').notNull().default(0),
    stars1: integer('stars_1').notNull().default(0),
    stars2: integer('stars_2').notNull().default(0),
    stars3: integer('stars_3').notNull().default(0),
    stars4: integer('stars_4').notNull().default(0),
    stars5: integer('stars_5').notNull().default(0),
  },
  (t) => [
    check('book_ratings_stars_non_negative', sql`least(${t.stars1}, ${t.stars2}, ${t.stars3}, ${t.stars4}, ${t.stars5}) >= 0`),
    check('book_ratings_count_matches_stars', sql`${t.count} = ${t.stars1} + ${t.stars2} + ${t.stars3} + ${t.stars4} + ${t.stars5}`),
    check('book_ratings_sum_matches_stars', sql`${t.sum} = ${t.stars1} + 2 * ${t.stars2} + 3 * ${t.stars3} + 4 * ${t.stars4} + 5 * ${t.stars5}`),
  ],
);
