import { sql } from 'drizzle-orm';
import { cents, eventTables, instant } from '@bookstore/subgraph-runtime';
import { check, customType, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const catalogSchema = pgSchema('catalog');

/** drizzle has no built-in tsvector type; the column is only ever read by SQL, never mapped to JS. */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

const createdAt = () => instant('created_at').notNull().defaultNow();


export const categoriesTable = catalogSchema.table(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('categories_name_key').on(sql`lower(${t.name})`), uniqueIndex('categories_slug_key').on(t.slug)],
);

export const authorsTable = catalogSchema.table(
  'authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  // Authors are matched by case-insensitive name when books are written; this index backs that upsert.
  (t) => [uniqueIndex('authors_name_key').on(sql`lower(${t.name})`), index('authors_name_id_idx').on(t.name, t.id)],
);

export const booksTable = catalogSchema.table(
  'books',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    isbn: text('isbn'),
    title: text('title').notNull(),
    description: text('description'),
    /** Denormalised "Name, Name" of the book's authors, kept by the app so the search vector can weigh them. */
    authorNames: text('author_names').notNull().default(''),
    priceCents: cents('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    stock: integer('stock').notNull().default(0),
    publishedYear: integer('published_year'),
    pageCount: integer('page_count'),
    coverUrl: text('cover_url'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("author_names", '')), 'B') || setweight(to_tsvector('english', coalesce("description", '')), 'C')`,
      ),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Soft delete: orders placed earlier still resolve the book through `_entities`. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('books_stock_non_negative', sql`${t.stock} >= 0`),
    check('books_price_positive', sql`${t.priceCents} > 0`),
    // A deleted book's ISBN may be listed again by a new book.
    uniqueIndex('books_isbn_key').on(t.isbn).where(sql`${t.deletedAt} is null`),
    index('books_search_idx').using('gin', t.searchVector),
    // Typo tolerance compares the search with this text by trigrams (`<%`); the query must repeat the expression.
    index('books_trigram_idx').using('gin', sql`(${t.title} || ' ' || ${t.authorNames}) gin_trgm_ops`),
    index('books_title_id_idx').on(t.title, t.id),
    index('books_price_id_idx').on(t.priceCents, t.id),
    index('books_created_at_id_idx').on(t.createdAt, t.id),
  ],
);

export const bookAuthorsTable = catalogSchema.table(
  'book_authors',
  {
    bookId: uuid('book_id')
      .notNull()
      .references(() => booksTable.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => authorsTable.id),
    /** Order of the author on the book's cover, from 0. */
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookId, t.authorId] }), index('book_authors_author_id_idx').on(t.authorId)],
);

export const bookCategoriesTable = catalogSchema.table(
  'book_categories',
  {
    bookId: uuid('book_id')
      .notNull()
      .references(() => booksTable.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categoriesTable.id),
  },
  (t) => [primaryKey({ columns: [t.bookId, t.categoryId] }), index('book_categories_category_id_idx').on(t.categoryId)],
);

/**
 * One row per order the catalog has heard of (order.placed or order.cancelled, whichever came
 * first): the reservation's state machine. A cancel that arrives first leaves CANCELLED, so the
 * late order.placed reserves nothing.
 */
export const reservationsTable = catalogSchema.table('stock_reservations', {
  orderId: uuid('order_id').primaryKey(),
  status: text('status', { enum: ['RESERVED', 'REJECTED', 'RELEASED', 'CANCELLED'] }).notNull(),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** The lines reserved for an order, at the catalog's prices at reservation time. */
export const reservationItemsTable = catalogSchema.table(
  'stock_reservation_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => reservationsTable.orderId),
    bookId: uuid('book_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: cents('unit_price_cents').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.bookId] }), check('stock_reservation_items_quantity_positive', sql`${t.quantity} > 0`)],
);

export const { outboxTable, inboxTable } = eventTables(catalogSchema);
