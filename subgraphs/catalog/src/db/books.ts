import { pagePerOwner, type Database, type PageQuery } from '@bookstore/subgraph-runtime';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { BookFields } from '../domain/book-input.js';
import type { BookCriteria, BookCursor, BookSearch, BookSort, TitleCursor } from '../domain/book-listing.js';
import type { AuthorRow } from './authors.js';
import { authorsTable, bookAuthorsTable, bookCategoriesTable, booksTable } from './schema.js';

/** Every column a `Book` is resolved from; never the search vector. */
export const bookColumns = {
  id: booksTable.id,
  isbn: booksTable.isbn,
  title: booksTable.title,
  description: booksTable.description,
  priceCents: booksTable.priceCents,
  currency: booksTable.currency,
  stock: booksTable.stock,
  publishedYear: booksTable.publishedYear,
  pageCount: booksTable.pageCount,
  coverUrl: booksTable.coverUrl,
  createdAt: booksTable.createdAt,
  deletedAt: booksTable.deletedAt,
};

export interface BookRow {
  id: string;
  isbn: string | null;
  title: string;
  description: string | null;
  priceCents: number;
  currency: string;
  stock: number;
  publishedYear: number | null;
  pageCount: number | null;
  coverUrl: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

export interface RankedBookRow extends BookRow {
  rank: number;
}

export interface BookPageQuery extends PageQuery<BookCursor> {
  criteria: BookCriteria;
  sort: BookSort;
}

export async function listBooks(db: Database, { criteria, sort, after, limit }: BookPageQuery): Promise<RankedBookRow[]> {
  // Ranking costs a ts_rank_cd or a similarity per matching row; only RELEVANCE (which implies a search) orders by it.
  const rank = sort === 'RELEVANCE' && criteria.search !== null ? rankOf(criteria.search) : sql<number>`0`;
  return db
    .select({ ...bookColumns, rank: rank.mapWith(Number) })
    .from(booksTable)
    .where(and(matching(criteria), after ? following(after, rank) : undefined))
    .orderBy(...ordering(sort, rank))
    .limit(limit);
}

export async function countBooks(db: Database, criteria: BookCriteria): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(booksTable).where(matching(criteria));
  return row?.count ?? 0;
}

/** Books by id, deleted ones included: `_entities` must still resolve the books of old orders. */
export async function booksByIds(db: Database, ids: readonly string[]): Promise<BookRow[]> {
  return db.select(bookColumns).from(booksTable).where(inArray(booksTable.id, [...ids]));
}

export type AuthorBooksQuery = PageQuery<TitleCursor>;

/** One page of books (by title) for each of several authors, in a single statement. */
export async function booksOfAuthors(db: Database, authorIds: readonly string[], { after, limit }: AuthorBooksQuery): Promise<(BookRow & { authorId: string })[]> {
  return pagePerOwner<BookRow & { authorId: string }>(db, { owner: bookAuthorsTable.authorId, orderBy: sql`${booksTable.title}, ${booksTable.id}`, limit }, (rowNumber) =>
    db
      .select({ ...bookColumns, authorId: bookAuthorsTable.authorId, rowNumber })
      .from(bookAuthorsTable)
      .innerJoin(booksTable, eq(booksTable.id, bookAuthorsTable.bookId))
      .where(and(inArray(bookAuthorsTable.authorId, [...authorIds]), isNull(booksTable.deletedAt), after ? titleAfter(after) : undefined)),
  );
}

export async function bookCountsOfAuthors(db: Database, authorIds: readonly string[]): Promise<{ authorId: string; count: number }[]> {
  return db
    .select({ authorId: bookAuthorsTable.authorId, count: sql<number>`count(*)::int` })
    .from(bookAuthorsTable)
    .innerJoin(booksTable, eq(booksTable.id, bookAuthorsTable.bookId))
    .where(and(inArray(bookAuthorsTable.authorId, [...authorIds]), isNull(booksTable.deletedAt)))
    .groupBy(bookAuthorsTable.authorId);
}

/** A book's own columns, as a write sets them: its authors and categories are rows of their own. */
export type BookColumns = Omit<BookFields, 'authorNames' | 'categoryIds'>;

/** Inserts a book; `authors` are its authors in order, whose names the search vector weighs. */
export async function insertBook(db: Database, columns: BookColumns & { id?: string }, authors: readonly AuthorRow[]): Promise<BookRow> {
  const [book] = await db
    .insert(booksTable)
    .values({ ...columns, authorNames: searchableNames(authors) })
    .returning(bookColumns);
  return book!;
}

/** Changes a book that is not deleted; undefined when there is none with that id. */
export async function updateLiveBook(db: Database, id: string, columns: Partial<BookColumns>, authors: readonly AuthorRow[] | null): Promise<BookRow | undefined> {
  const [book] = await db
    .update(booksTable)
    .set({ ...columns, ...(authors ? { authorNames: searchableNames(authors) } : {}), updatedAt: sql`now()` })
    .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
    .returning(bookColumns);
  return book;
}

/** Hides a book from listings; the row stays so orders placed earlier still resolve it. Undefined when none was live. */
export async function markBookDeleted(db: Database, id: string): Promise<BookRow | undefined> {
  const [deleted] = await db
    .update(booksTable)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
    .returning(bookColumns);
  return deleted;
}

/** One atomic increment, so concurrent restocks and reservations never lose an update. Undefined when no live book has the id. */
export async function addStock(db: Database, id: string, quantity: number): Promise<BookRow | undefined> {
  const [book] = await db
    .update(booksTable)
    .set({ stock: sql`${booksTable.stock} + ${quantity}`, updatedAt: sql`now()` })
    .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
    .returning(bookColumns);
  return book;
}

/** Links a book to its authors, in their order (a change unlinks the old ones first). */
export async function linkAuthors(db: Database, bookId: string, authors: readonly AuthorRow[]): Promise<void> {
  await db.insert(bookAuthorsTable).values(authors.map((author, position) => ({ bookId, authorId: author.id, position })));
}

export async function unlinkAuthors(db: Database, bookId: string): Promise<void> {
  await db.delete(bookAuthorsTable).where(eq(bookAuthorsTable.bookId, bookId));
}

/** Files a book under its categories (a change unlinks the old ones first). */
export async function linkCategories(db: Database, bookId: string, categoryIds: readonly string[]): Promise<void> {
  if (categoryIds.length === 0) return;
  await db.insert(bookCategoriesTable).values(categoryIds.map((categoryId) => ({ bookId, categoryId })));
}

export async function unlinkCategories(db: Database, bookId: string): Promise<void> {
  await db.delete(bookCategoriesTable).where(eq(bookCategoriesTable.bookId, bookId));
}

/** The search vector weighs these names (weight B); kept in step with book_authors by every write. */
function searchableNames(authors: readonly AuthorRow[]): string {
  return authors.map((author) => author.name).join(', ');
}

// The text typos are forgiven against, as books_trigram_idx indexes it (the expressions must be equal for the index to serve).
const trigramText = sql`(${booksTable.title} || ' ' || ${booksTable.authorNames})`;

/** The full-text queries of a search's first two tiers, and the third's condition (see `BookSearch`). */
function searchTiers(search: BookSearch): { exact: SQL; prefix: SQL | null; fuzzy: SQL | null } {
  return {
    exact: sql`websearch_to_tsquery('english', ${search.text})`,
    prefix: search.prefixQuery === null ? null : sql`to_tsquery('english', ${search.prefixQuery})`,
    // `<%` is word_similarity(search, text) >= pg_trgm.word_similarity_threshold (default 0.6, on
    // PGlite too): the operator form is what the trigram index answers.
    fuzzy: search.fuzzy ? sql`${search.text} <% ${trigramText}` : null,
  };
}

function fullText(query: SQL): SQL {
  return sql`${booksTable.searchVector} @@ ${query}`;
}

/**
 * Each tier ranks within its own band so a worse tier never outranks a better one: full-text
 * matches in [2, 3), prefix matches in [1, 2), similar ones by word similarity in [0.6, 1].
 * Normalisation 32 (rank / (rank + 1)) keeps ts_rank_cd below 1. Cast to real so a cursor's
 * number compares equal to the rank it came from.
 */
function rankOf(search: BookSearch): SQL<number> {
  const { exact, prefix } = searchTiers(search);
  const coverDensity = (query: SQL) => sql`ts_rank_cd(${booksTable.searchVector}, ${query}, 32)`;
  const prefixBand = prefix === null ? sql`` : sql`when ${fullText(prefix)} then 1 + ${coverDensity(prefix)}`;
  return sql<number>`(case when ${fullText(exact)} then 2 + ${coverDensity(exact)} ${prefixBand} else word_similarity(${search.text}, ${trigramText}) end)::real`;
}

function searching(search: BookSearch): SQL | undefined {
  const { exact, prefix, fuzzy } = searchTiers(search);
  return or(fullText(exact), prefix === null ? undefined : fullText(prefix), fuzzy ?? undefined);
}

function matching(criteria: BookCriteria): SQL | undefined {
  return and(
    isNull(booksTable.deletedAt),
    criteria.search === null ? undefined : searching(criteria.search),
    criteria.categoryId === null
      ? undefined
      : sql`exists (select 1 from ${bookCategoriesTable} where ${bookCategoriesTable.bookId} = ${booksTable.id} and ${bookCategoriesTable.categoryId} = ${criteria.categoryId})`,
    criteria.authorId === null
      ? undefined
      : sql`exists (select 1 from ${bookAuthorsTable} where ${bookAuthorsTable.bookId} = ${booksTable.id} and ${bookAuthorsTable.authorId} = ${criteria.authorId})`,
    criteria.authorPattern === null
      ? undefined
      : sql`exists (select 1 from ${bookAuthorsTable} join ${authorsTable} on ${authorsTable.id} = ${bookAuthorsTable.authorId} where ${bookAuthorsTable.bookId} = ${booksTable.id} and ${authorsTable.name} ilike ${criteria.authorPattern} escape '\\')`,
    criteria.minPriceCents === null ? undefined : gte(booksTable.priceCents, criteria.minPriceCents),
    criteria.maxPriceCents === null ? undefined : lte(booksTable.priceCents, criteria.maxPriceCents),
    criteria.inStock === null ? undefined : criteria.inStock ? gt(booksTable.stock, 0) : eq(booksTable.stock, 0),
  );
}

// Each ordering ends with the id in the key's direction, so "after the cursor" is one row comparison.
function ordering(sort: BookSort, rank: SQL<number>): SQL[] {
  switch (sort) {
    case 'TITLE':
      return [asc(booksTable.title), asc(booksTable.id)];
    case 'PRICE_ASC':
      return [asc(booksTable.priceCents), asc(booksTable.id)];
    case 'PRICE_DESC':
      return [desc(booksTable.priceCents), desc(booksTable.id)];
    case 'NEWEST':
      return [desc(booksTable.createdAt), desc(booksTable.id)];
    case 'RELEVANCE':
      return [sql`${rank} desc`, desc(booksTable.id)];
  }
}

function following(cursor: BookCursor, rank: SQL<number>): SQL {
  switch (cursor[0]) {
    case 'TITLE':
      return titleAfter(cursor);
    case 'PRICE_ASC':
      return sql`(${booksTable.priceCents}, ${booksTable.id}) > (${cursor[1]}::bigint, ${cursor[2]}::uuid)`;
    case 'PRICE_DESC':
      return sql`(${booksTable.priceCents}, ${booksTable.id}) < (${cursor[1]}::bigint, ${cursor[2]}::uuid)`;
    case 'NEWEST':
      return sql`(${booksTable.createdAt}, ${booksTable.id}) < (${cursor[1]}::timestamptz, ${cursor[2]}::uuid)`;
    // The rank is a real; the cursor's number round-trips to the same real, so equal ranks tie exactly.
    case 'RELEVANCE':
      return sql`((${rank})::real, ${booksTable.id}) < (${cursor[1]}::real, ${cursor[2]}::uuid)`;
  }
}

function titleAfter([, title, id]: TitleCursor): SQL {
  return sql`(${booksTable.title}, ${booksTable.id}) > (${title}::text, ${id}::uuid)`;
}
