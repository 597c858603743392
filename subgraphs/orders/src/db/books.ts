import type { EventPayload } from '@bookstore/events';
import { Statements, type Database } from '@bookstore/subgraph-runtime';
import { inArray, sql } from 'drizzle-orm';
import { booksTable } from './schema.js';

/** Built once (db-statements.ts): every placeOrder checks its books. */
const statements = new Statements();

/** Applies a `book.changed` event to orders' view of the catalogue; deletion is sticky (see booksTable). */
export async function recordBookChange(db: Database, change: EventPayload<'book.changed'>): Promise<void> {
  await db
    .insert(booksTable)
    .values({ id: change.bookId, deleted: change.deleted })
    .onConflictDoUpdate({ target: booksTable.id, set: { deleted: sql`${booksTable.deleted} or excluded.deleted` } });
}

/**
 * Adds books the view does not hold yet (demo seeding, whose books' `book.changed` events may
 * still be on the way); a known book keeps its row, since the catalog's events decide it.
 */
export async function addKnownBooks(db: Database, bookIds: readonly string[]): Promise<void> {
  if (bookIds.length === 0) return;
  await db
    .insert(booksTable)
    .values(bookIds.map((id) => ({ id })))
    .onConflictDoNothing();
}

/** What the view says of each of `bookIds`: absent from the map when the catalog never announced it. */
export async function bookStates(db: Database, bookIds: readonly string[]): Promise<Map<string, { deleted: boolean }>> {
  const rows = await statements.run(
    db,
    `states of ${bookIds.length}`,
    (built) => built.select().from(booksTable).where(inArray(booksTable.id, bookIds.map((_, i) => sql.placeholder(`id${i}`)))),
    Object.fromEntries(bookIds.map((id, i) => [`id${i}`, id])),
  );
  return new Map(rows.map((row) => [row.id, { deleted: row.deleted }]));
}
