import { pageSize, parseId, toConnection, type PageArgs } from '@bookstore/kit';
import type { CatalogContext } from '../context.js';
import { countAuthors, listAuthors } from '../db/authors.js';
import { countBooks, listBooks } from '../db/books.js';
import { listCategories } from '../db/categories.js';
import { bookCursorOf, decodeAuthorCursor, decodeBookCursor, parseBookFilter, resolveBookSort, type BookFilterInput, type BookSort } from '../domain/book-listing.js';

interface BooksArgs extends PageArgs {
  filter?: BookFilterInput | null;
  sort?: BookSort | null;
}

export const Query = {
  async book(_: unknown, args: { id: string }, ctx: CatalogContext) {
    const book = await ctx.loaders.bookById.load(parseId(args.id, 'id'));
    return book?.deletedAt === null ? book : null;
  },

  async books(_: unknown, args: BooksArgs, ctx: CatalogContext) {
    const first = pageSize(args.first);
    const criteria = parseBookFilter(args.filter);
    const sort = resolveBookSort(args.sort, criteria.search);
    const after = decodeBookCursor(args.after, sort);
    const rows = await listBooks(ctx.deps.db, { criteria, sort, after, limit: first + 1 });
    return toConnection(rows, first, (row) => bookCursorOf(sort, row), () => countBooks(ctx.deps.db, criteria));
  },

  categories(_: unknown, _args: unknown, ctx: CatalogContext) {
    return listCategories(ctx.deps.db);
  },

  async authors(_: unknown, args: PageArgs, ctx: CatalogContext) {
    const first = pageSize(args.first);
    const after = decodeAuthorCursor(args.after);
    const rows = await listAuthors(ctx.deps.db, after, first + 1);
    return toConnection(rows, first, (author) => [author.name, author.id], () => countAuthors(ctx.deps.db));
  },
};
