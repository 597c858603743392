import { NotFoundError } from '@bookstore/server-core';
import { upsertAuthorsByName } from '../db/authors.js';
import { linkAuthors, linkCategories, unlinkAuthors, unlinkCategories, updateLiveBook, type BookRow } from '../db/books.js';
import { bookChanged } from '../domain/book-events.js';
import type { BookChanges } from '../domain/book-input.js';
import { assertCategoriesExist, withIsbnConflict } from './book-details.js';
import type { CatalogDependencies } from '../deps.js';

/** updateBook: changes only the given fields; authors and categories, when given, replace the old ones. */
export async function updateBook({ events }: CatalogDependencies, id: string, changes: BookChanges): Promise<BookRow> {
  const { authorNames, categoryIds, ...columns } = changes;
  return withIsbnConflict(changes.isbn ?? null, () =>
    events.transaction(async (tx, emit) => {
      if (categoryIds) await assertCategoriesExist(tx, categoryIds);
      const authors = authorNames ? await upsertAuthorsByName(tx, authorNames) : null;
      const book = await updateLiveBook(tx, id, columns, authors);
      if (!book) throw new NotFoundError(`Book ${id}`);
      if (authors) {
        await unlinkAuthors(tx, id);
        await linkAuthors(tx, id, authors);
      }
      if (categoryIds) {
        await unlinkCategories(tx, id);
        await linkCategories(tx, id, categoryIds);
      }
      await emit(bookChanged(book, false));
      return book;
    }),
  );
}
