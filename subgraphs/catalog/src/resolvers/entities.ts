import { money } from '@bookstore/events';
import { isUuid, paginate, type PageArgs } from '@bookstore/subgraph-runtime';
import type { CatalogContext } from '../context.js';
import type { AuthorRow } from '../db/authors.js';
import type { BookRow } from '../db/books.js';
import { decodeTitleCursor, titleCursorOf } from '../domain/book-listing.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

function referencedId(ref: Reference): string | null {
  return isUuid(ref.id) ? ref.id.toLowerCase() : null;
}

/**
 * What a reference to a book this catalog never had resolves to (README, "Deleted and unknown
 * books"): never null, since `OrderItem.book`, `Review.book` and `Loan.book` are non-null and one
 * null there nulls the order, review or loan and the whole list around it. A deleted book is no
 * stand-in: its row stays and resolves with its own data.
 */
function standInBook(id: string): BookRow {
  return { id, isbn: null, title: 'Unknown book', description: null, priceCents: 0, currency: 'USD', stock: 0, publishedYear: null, pageCount: null, coverUrl: null, createdAt: new Date(0), deletedAt: null };
}

export const Book = {
  async __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    const book = id === null ? null : await ctx.loaders.bookById.load(id);
    if (book) return book;
    // A representation is the router's JSON: only a string id can be echoed back as an ID.
    return typeof ref.id === 'string' ? standInBook(id ?? ref.id) : null;
  },
  // A stand-in's id may be no UUID at all; one that is has no authors or categories anyway.
  authors: (book: BookRow, _args: unknown, ctx: CatalogContext) => (isUuid(book.id) ? ctx.loaders.authorsByBookId.load(book.id) : []),
  categories: (book: BookRow, _args: unknown, ctx: CatalogContext) => (isUuid(book.id) ? ctx.loaders.categoriesByBookId.load(book.id) : []),
  price: (book: BookRow) => money(book.priceCents, book.currency),
};

export const Author = {
  __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    return id === null ? null : ctx.loaders.authorById.load(id);
  },
  books: (author: AuthorRow, args: PageArgs, ctx: CatalogContext) =>
    paginate(args, {
      decode: decodeTitleCursor,
      fetch: (page) => ctx.loaders.booksOfAuthor(page).load(author.id),
      cursorOf: titleCursorOf,
      totalCount: () => ctx.loaders.bookCountByAuthorId.load(author.id),
    }),
};

export const Category = {
  __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    return id === null ? null : ctx.loaders.categoryById.load(id);
  },
};
