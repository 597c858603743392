import { NotFoundError, writeEvents } from '@bookstore/kit';
import { markBookDeleted } from '../db/books.js';
import { outboxTable } from '../db/schema.js';
import { bookChanged } from '../domain/book-events.js';
import type { CatalogDependencies } from '../deps.js';

/** deleteBook: a soft delete, so orders placed earlier still resolve the book; the other subgraphs hear of it. */
export async function deleteBook({ db }: CatalogDependencies, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await markBookDeleted(tx, id);
    if (!deleted) throw new NotFoundError(`Book ${id}`);
    await writeEvents(tx, { outboxTable }, [bookChanged(deleted, true)]);
  });
}
