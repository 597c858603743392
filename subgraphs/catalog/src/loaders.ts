import { countLoader, groupLoader, loaderPerArgs, rowLoader, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { authorsByIds, authorsOfBooks, type AuthorRow } from './db/authors.js';
import { bookCountsOfAuthors, booksByIds, booksOfAuthors, type AuthorBooksQuery, type BookRow } from './db/books.js';
import { categoriesByIds, categoriesOfBooks, type CategoryRow } from './db/categories.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface CatalogLoaders {
  /** Deleted books included (for `_entities`); callers that list books filter them. */
  bookById: DataLoader<string, BookRow | null>;
  authorsByBookId: DataLoader<string, AuthorRow[]>;
  categoriesByBookId: DataLoader<string, CategoryRow[]>;
  authorById: DataLoader<string, AuthorRow | null>;
  categoryById: DataLoader<string, CategoryRow | null>;
  bookCountByAuthorId: DataLoader<string, number>;
  /** `Author.books` pages; authors asking for the same page (first, after) share one query. */
  booksOfAuthor(page: AuthorBooksQuery): DataLoader<string, BookRow[]>;
  /** Drops what this request cached about a book it just changed (a mutation may be followed by another). */
  forgetBook(id: string): void;
}

export function createLoaders(db: Database): CatalogLoaders {
  const authorPages = loaderPerArgs((page: AuthorBooksQuery) => groupLoader((ids) => booksOfAuthors(db, ids, page), (row) => row.authorId));
  const loaders: CatalogLoaders = {
    bookById: rowLoader((ids) => booksByIds(db, ids), (book) => book.id),
    authorsByBookId: groupLoader((ids) => authorsOfBooks(db, ids), (row) => row.bookId),
    categoriesByBookId: groupLoader((ids) => categoriesOfBooks(db, ids), (row) => row.bookId),
    authorById: rowLoader((ids) => authorsByIds(db, ids), (author) => author.id),
    categoryById: rowLoader((ids) => categoriesByIds(db, ids), (category) => category.id),
    bookCountByAuthorId: countLoader((ids) => bookCountsOfAuthors(db, ids), (row) => row.authorId),
    booksOfAuthor: (page) => authorPages.get(page),
    forgetBook(id) {
      loaders.bookById.clear(id);
      loaders.authorsByBookId.clear(id);
      loaders.categoriesByBookId.clear(id);
      loaders.bookCountByAuthorId.clearAll();
      authorPages.clear();
    },
  };
  return loaders;
}
