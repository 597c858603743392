import type { EventPayload } from '@bookstore/events';
import type { Database } from '@bookstore/subgraph-runtime';
import { and, eq, sql } from 'drizzle-orm';
import { booksTable } from './schema.js';

/** A book loans may lend: known from the catalog's events and not deleted there. */
export interface LendableBook {
  id: string;
  title: string;
}

/**
 * Applies a `book.changed` event to the local view of books. Events about one book may be handled
 * out of order (retries, several workers), so a change older than the one already applied is
 * dropped; applying the same event twice changes nothing.
 */
export async function recordBookChange(db: Database, change: EventPayload<'book.changed'>, changedAt: Date): Promise<void> {
  await db
    .insert(booksTable)
    .values({ id: change.bookId, title: change.title, deleted: change.deleted, changedAt })
    .onConflictDoUpdate({
      target: booksTable.id,
      set: { title: sql`excluded.title`, deleted: sql`excluded.deleted`, changedAt: sql`excluded.changed_at` },
      setWhere: sql`${booksTable.changedAt} <= excluded.changed_at`,
    });
}

export async function lendableBook(db: Database, id: string): Promise<LendableBook | undefined> {
  const [book] = await db
    .select({ id: booksTable.id, title: booksTable.title })
    .from(booksTable)
    .where(and(eq(booksTable.id, id), eq(booksTable.deleted, false)));
  return book;
}
