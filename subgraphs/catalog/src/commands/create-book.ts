import { upsertAuthorsByName } from '../db/authors.js';
import { insertBook, linkAuthors, linkCategories, type BookRow } from '../db/books.js';
import { bookChanged } from '../domain/book-events.js';
import type { BookFields } from '../domain/book-input.js';
import { assertCategoriesExist, withIsbnConflict } from './book-details.js';
import type { CatalogDependencies } from '../deps.js';

/** createBook: the book, its authors (created as needed), its categories and `book.changed`, in one transaction. */
export async function createBook({ events }: CatalogDependencies, fields: BookFields): Promise<BookRow> {
  const { authorNames, categoryIds, ...columns } = fields;
  return withIsbnConflict(fields.isbn, () =>
    events.transaction(async (tx, emit) => {
      await assertCategoriesExist(tx, categoryIds);
      const authors = await upsertAuthorsByName(tx, authorNames);
      const book = await insertBook(tx, columns, authors);
      await linkAuthors(tx, book.id, authors);
      await linkCategories(tx, book.id, categoryIds);
      await emit(bookChanged(book, false));
      return book;
    }),
  );
}
