import { NotFoundError } from '@bookstore/server-core';
import { markBookDeleted } from '../db/books.js';
import { bookChanged } from '../domain/book-events.js';
import type { CatalogDependencies } from '../deps.js';

/** deleteBook: a soft delete, so orders placed earlier still resolve the book; the other subgraphs hear of it. */
export async function deleteBook({ events }: CatalogDependencies, id: string): Promise<void> {
  await events.transaction(async (tx, emit) => {
    const deleted = await markBookDeleted(tx, id);
    if (!deleted) throw new NotFoundError(`Book ${id}`);
    await emit(bookChanged(deleted, true));
  });
}
