import type { EventPayload } from '@bookstore/events';
import type { Database } from '@bookstore/subgraph-runtime';
import { eq, sql } from 'drizzle-orm';
import { booksTable } from './schema.js';

export interface BookRow {
  bookId: string;
  description: string | null;
  deleted: boolean;
}

const bookColumns = { bookId: booksTable.bookId, description: booksTable.description, deleted: booksTable.deleted };

/**
 * Applies a `book.changed` event to the local view. Events about one book can arrive out of
 * order (retries, concurrent workers), so a row only takes a change at least as new as its own.
 */
export async function recordBookChange(db: Database, change: EventPayload<'book.changed'>, changedAt: Date): Promise<void> {
  await db
    .insert(booksTable)
    .values({ bookId: change.bookId, title: change.title, description: change.description, deleted: change.deleted, changedAt })
    .onConflictDoUpdate({
      target: booksTable.bookId,
      set: { title: change.title, description: change.description, deleted: change.deleted, changedAt },
      // Against `excluded` (the row this insert proposed): postgres.js cannot bind a Date inside raw SQL.
      setWhere: sql`${booksTable.changedAt} <= excluded.changed_at`,
    });
}

/** Locks a book for one summary request, so requests for the same book take turns. */
export async function lockBook(db: Database, bookId: string): Promise<BookRow | undefined> {
  const [row] = await db.select(bookColumns).from(booksTable).where(eq(booksTable.bookId, bookId)).for('update');
  return row;
}

export async function bookDescription(db: Database, bookId: string): Promise<string | null> {
  const [row] = await db.select({ description: booksTable.description }).from(booksTable).where(eq(booksTable.bookId, bookId));
  return row?.description ?? null;
}

/**
 * Adds books the view does not know yet (demo seeding). A known book keeps its row: it came from
 * an event, and the catalog's events are the source of truth. New rows date from the epoch for
 * the same reason, so any later event about them wins.
 */
export async function insertBooksIfAbsent(db: Database, books: readonly { id: string; title: string; description: string | null }[]): Promise<void> {
  if (books.length === 0) return;
  await db
    .insert(booksTable)
    .values(books.map((book) => ({ bookId: book.id, title: book.title, description: book.description, changedAt: new Date(0) })))
    .onConflictDoNothing();
}
