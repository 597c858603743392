import type { Database } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { booksTable, lendingCopiesTable } from '../db/schema.js';

/** Demo books get 1, 2 or 3 copies in turn: some run out after a single loan, some do not. */
const demoCopiesAt = (index: number): number => 1 + (index % 3);

/**
 * Puts the demo catalogue's books on the lending shelves: each into the local view of books (their
 * `book.changed` events may still be on the way) with 1 to 3 copies. Does nothing once any book has
 * lending copies, so every start of the embedded mode can call it.
 */
export async function seedDemoLendingCopies(db: Database, books: { id: string; title: string }[]): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    // Two processes starting together on one database must not both see "no copies" and seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('loans:seed-demo-lending-copies'))`);
    const [anyCopies] = await tx.select({ bookId: lendingCopiesTable.bookId }).from(lendingCopiesTable).limit(1);
    if (anyCopies || books.length === 0) return { inserted: 0 };
    // Dated at the epoch, so any real book.changed event, even an older one arriving late, wins.
    await tx
      .insert(booksTable)
      .values(books.map((book) => ({ id: book.id, title: book.title, changedAt: new Date(0) })))
      .onConflictDoNothing();
    await tx.insert(lendingCopiesTable).values(books.map((book, index) => ({ bookId: book.id, totalCopies: demoCopiesAt(index) })));
    return { inserted: books.length };
  });
}
