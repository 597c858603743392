import { NotFoundError } from '@bookstore/server-core';
import { addStock, type BookRow } from '../db/books.js';
import type { CatalogDependencies } from '../deps.js';

/** restock: one atomic increment, so concurrent restocks and reservations never lose an update. */
export async function restockBook({ db }: CatalogDependencies, id: string, quantity: number): Promise<BookRow> {
  const book = await addStock(db, id, quantity);
  if (!book) throw new NotFoundError(`Book ${id}`);
  return book;
}
