import { requireRole } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import type { CatalogContext } from '../context.js';
import { createBook } from '../commands/create-book.js';
import { createCategory } from '../commands/create-category.js';
import { deleteBook } from '../commands/delete-book.js';
import { restockBook } from '../commands/restock-book.js';
import { updateBook } from '../commands/update-book.js';
import { validateBookChanges, validateNewBook, validateRestockQuantity, type CreateBookInput, type UpdateBookInput } from '../domain/book-input.js';
import { validateNewCategory, type CreateCategoryInput } from '../domain/category-input.js';

/** API.md: the catalogue is edited by staff only. */
function requireEditor(ctx: CatalogContext): void {
  requireRole(ctx.viewer, 'ADMIN', 'LIBRARIAN');
}

function currentYear(): number {
  return new Date().getUTCFullYear();
}

export const Mutation = {
  createBook(_: unknown, args: { input: CreateBookInput }, ctx: CatalogContext) {
    requireEditor(ctx);
    return createBook(ctx.deps, validateNewBook(args.input, currentYear()));
  },

  async updateBook(_: unknown, args: { id: string; input: UpdateBookInput }, ctx: CatalogContext) {
    requireEditor(ctx);
    const id = parseId(args.id, 'id');
    const book = await updateBook(ctx.deps, id, validateBookChanges(args.input, currentYear()));
    ctx.loaders.forgetBook(id);
    return book;
  },

  async deleteBook(_: unknown, args: { id: string }, ctx: CatalogContext) {
    requireEditor(ctx);
    const id = parseId(args.id, 'id');
    await deleteBook(ctx.deps, id);
    ctx.loaders.forgetBook(id);
    return true;
  },

  async restock(_: unknown, args: { bookId: string; quantity: number }, ctx: CatalogContext) {
    requireEditor(ctx);
    const id = parseId(args.bookId, 'bookId');
    const book = await restockBook(ctx.deps, id, validateRestockQuantity(args.quantity));
    ctx.loaders.forgetBook(id);
    return book;
  },

  createCategory(_: unknown, args: { input: CreateCategoryInput }, ctx: CatalogContext) {
    requireEditor(ctx);
    return createCategory(ctx.deps, validateNewCategory(args.input));
  },
};
