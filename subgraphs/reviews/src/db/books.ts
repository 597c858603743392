import type { EventPayload } from '@bookstore/events';
import type { Database } from '@bookstore/subgraph-runtime';
import { eq, sql } from 'drizzle-orm';
import { booksTable } from './schema.js';

/**
 * Applies a `book.changed` event to the local view of books. Deletion is sticky: the catalog
 * never restores a deleted book, so an older event delivered late (queues retry out of order)
 * cannot bring one back.
 */
export async function recordBookChange(db: Database, event: EventPayload<'book.changed'>): Promise<void> {
  await db
    .insert(booksTable)
    .values({ bookId: event.bookId, title: event.title, deleted: event.deleted })
    .onConflictDoUpdate({ target: booksTable.bookId, set: { title: event.title, deleted: sql`${booksTable.deleted} or ${event.deleted}` } });
}

/** Adds books the view does not hold yet; the catalog's own events stay authoritative for the rest. */
export async function addMissingBooks(db: Database, books: readonly { id: string; title: string }[]): Promise<void> {
  if (books.length === 0) return;
  await db
    .insert(booksTable)
    .values(books.map((book) => ({ bookId: book.id, title: book.title })))
    .onConflictDoNothing();
}

/**
 * A book as addReview sees it, share-locked until the review commits: a concurrent deletion
 * waits, so no review is added to a book deleted in between.
 */
export async function lockBookForReview(db: Database, bookId: string): Promise<{ deleted: boolean } | undefined> {
  const [row] = await db.select({ deleted: booksTable.deleted }).from(booksTable).where(eq(booksTable.bookId, bookId)).for('share');
  return row;
}
