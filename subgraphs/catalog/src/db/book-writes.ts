import { BadUserInputError, ConflictError, NotFoundError, event, isUniqueViolation, writeEvents, type Database } from '@bookstore/kit';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BookChanges, BookFields } from '../domain/book-input.js';
import { upsertAuthorsByName, type AuthorRow } from './authors.js';
import { bookColumns, type BookRow } from './books.js';
import { unknownCategoryIds } from './categories.js';
import { bookAuthorsTable, bookCategoriesTable, booksTable, outboxTable } from './schema.js';

/** Inserts a book with its authors (created as needed) and categories, in one transaction. */
export async function createBook(db: Database, fields: BookFields): Promise<BookRow> {
  const { authorNames, categoryIds, ...columns } = fields;
  return withIsbnConflict(fields.isbn, () =>
    db.transaction(async (tx) => {
      await assertCategoriesExist(tx, categoryIds);
      const authors = await upsertAuthorsByName(tx, authorNames);
      const [book] = await tx
        .insert(booksTable)
        .values({ ...columns, authorNames: searchableNames(authors) })
        .returning(bookColumns);
      const created = book!;
      await linkAuthors(tx, created.id, authors);
      await linkCategories(tx, created.id, categoryIds);
      await announce(tx, created, false);
      return created;
    }),
  );
}

/** Changes only the given fields; authors and categories, when given, replace the old ones. */
export async function updateBook(db: Database, id: string, changes: BookChanges): Promise<BookRow> {
  const { authorNames, categoryIds, ...columns } = changes;
  return withIsbnConflict(changes.isbn ?? null, () =>
    db.transaction(async (tx) => {
      if (categoryIds) await assertCategoriesExist(tx, categoryIds);
      const authors = authorNames ? await upsertAuthorsByName(tx, authorNames) : null;
      const [book] = await tx
        .update(booksTable)
        .set({ ...columns, ...(authors ? { authorNames: searchableNames(authors) } : {}), updatedAt: sql`now()` })
        .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
        .returning(bookColumns);
      if (!book) throw new NotFoundError(`Book ${id}`);
      if (authors) {
        await tx.delete(bookAuthorsTable).where(eq(bookAuthorsTable.bookId, id));
        await linkAuthors(tx, id, authors);
      }
      if (categoryIds) {
        await tx.delete(bookCategoriesTable).where(eq(bookCategoriesTable.bookId, id));
        await linkCategories(tx, id, categoryIds);
      }
      await announce(tx, book, false);
      return book;
    }),
  );
}

/** Hides the book from listings; the row stays so orders placed earlier still resolve it. */
export async function softDeleteBook(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .update(booksTable)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
      .returning(bookColumns);
    if (!deleted) throw new NotFoundError(`Book ${id}`);
    await announce(tx, deleted, true);
  });
}

/**
 * Tells the subgraphs that keep their own view of books (orders, reviews, loans, summaries) what
 * changed, in the transaction of the change; they never read the catalog's tables.
 */
export function announce(tx: Database, book: Pick<BookRow, 'id' | 'title' | 'description'>, deleted: boolean): Promise<void> {
  return writeEvents(tx, { outboxTable }, [event('book.changed', { bookId: book.id, title: book.title, description: book.description, deleted })]);
}

/** One atomic increment, so concurrent restocks and reservations never lose an update. */
export async function restockBook(db: Database, id: string, quantity: number): Promise<BookRow> {
  const [book] = await db
    .update(booksTable)
    .set({ stock: sql`${booksTable.stock} + ${quantity}`, updatedAt: sql`now()` })
    .where(and(eq(booksTable.id, id), isNull(booksTable.deletedAt)))
    .returning(bookColumns);
  if (!book) throw new NotFoundError(`Book ${id}`);
  return book;
}

/** The search vector weighs these names (weight B); kept in step with book_authors by every write. */
function searchableNames(authors: readonly AuthorRow[]): string {
  return authors.map((author) => author.name).join(', ');
}

async function assertCategoriesExist(db: Database, categoryIds: readonly string[]): Promise<void> {
  const [unknown] = await unknownCategoryIds(db, categoryIds);
  if (unknown !== undefined) throw new BadUserInputError(`input.categoryIds contains ${unknown}, which is not a category.`, 'input.categoryIds');
}

async function linkAuthors(db: Database, bookId: string, authors: readonly AuthorRow[]): Promise<void> {
  await db.insert(bookAuthorsTable).values(authors.map((author, position) => ({ bookId, authorId: author.id, position })));
}

async function linkCategories(db: Database, bookId: string, categoryIds: readonly string[]): Promise<void> {
  if (categoryIds.length === 0) return;
  await db.insert(bookCategoriesTable).values(categoryIds.map((categoryId) => ({ bookId, categoryId })));
}

async function withIsbnConflict<T>(isbn: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'books_isbn_key')) throw new ConflictError(`Another book already has the ISBN ${isbn}.`, 'input.isbn');
    throw error;
  }
}
