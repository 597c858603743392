import { isUuid, money, pageSize, toConnection, type PageArgs } from '@bookstore/kit';
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

export const Book = {
  __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    return id === null ? null : ctx.loaders.bookById.load(id);
  },
  authors: (book: BookRow, _args: unknown, ctx: CatalogContext) => ctx.loaders.authorsByBookId.load(book.id),
  categories: (book: BookRow, _args: unknown, ctx: CatalogContext) => ctx.loaders.categoriesByBookId.load(book.id),
  price: (book: BookRow) => money(book.priceCents, book.currency),
};

export const Author = {
  __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    return id === null ? null : ctx.loaders.authorById.load(id);
  },
  async books(author: AuthorRow, args: PageArgs, ctx: CatalogContext) {
    const first = pageSize(args.first);
    const after = decodeTitleCursor(args.after);
    const rows = await ctx.loaders.booksOfAuthor({ after, limit: first + 1 }).load(author.id);
    return toConnection(rows, first, titleCursorOf, () => ctx.loaders.bookCountByAuthorId.load(author.id));
  },
};

export const Category = {
  __resolveReference(ref: Reference, ctx: CatalogContext) {
    const id = referencedId(ref);
    return id === null ? null : ctx.loaders.categoryById.load(id);
  },
};
