import { paginate, parseId, type PageArgs } from '@bookstore/subgraph-runtime';
import type { CatalogContext } from '../context.js';
import { countAuthors, listAuthors } from '../db/authors.js';
import { countBooks, listBooks } from '../db/books.js';
import { listCategories } from '../db/categories.js';
import { authorCursorOf, bookCursorOf, decodeAuthorCursor, decodeBookCursor, parseBookFilter, resolveBookSort, type BookFilterInput, type BookSort } from '../domain/book-listing.js';

interface BooksArgs extends PageArgs {
  filter?: BookFilterInput | null;
  sort?: BookSort | null;
}

export const Query = {
  async book(_: unknown, args: { id: string }, ctx: CatalogContext) {
    const book = await ctx.loaders.bookById.load(parseId(args.id, 'id'));
    return book?.deletedAt === null ? book : null;
  },

  books(_: unknown, args: BooksArgs, ctx: CatalogContext) {
    const criteria = parseBookFilter(args.filter);
    const sort = resolveBookSort(args.sort, criteria.search);
    return paginate(args, {
      decode: (after) => decodeBookCursor(after, sort),
      fetch: (page) => listBooks(ctx.deps.db, { criteria, sort, ...page }),
      cursorOf: (row) => bookCursorOf(sort, row),
      totalCount: () => countBooks(ctx.deps.db, criteria),
    });
  },

  categories(_: unknown, _args: unknown, ctx: CatalogContext) {
    return listCategories(ctx.deps.db);
  },

  authors: (_: unknown, args: PageArgs, ctx: CatalogContext) =>
    paginate(args, {
      decode: decodeAuthorCursor,
      fetch: (page) => listAuthors(ctx.deps.db, page),
      cursorOf: authorCursorOf,
      totalCount: () => countAuthors(ctx.deps.db),
    }),
};
