import { requireRole, requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { borrowBook } from '../commands/borrow-book.js';
import { renewLoan } from '../commands/renew-loan.js';
import { returnBook } from '../commands/return-book.js';
import { setLendingCopies } from '../commands/set-lending-copies.js';
import type { LoansContext } from '../context.js';
import { borrowerIdOf } from '../domain/access.js';
import { availabilityOf, parseLendingCopies } from '../domain/lending-copies.js';

export const Mutation = {
  async borrowBook(_: unknown, args: { bookId: string }, ctx: LoansContext) {
    const borrowerId = borrowerIdOf(ctx.viewer);
    const bookId = parseId(args.bookId, 'bookId');
    const loan = await borrowBook(ctx.deps, borrowerId, bookId);
    ctx.loaders.forget({ loanId: loan.id, bookId });
    return loan;
  },

  async returnBook(_: unknown, args: { loanId: string }, ctx: LoansContext) {
    const viewer = requireViewer(ctx.viewer);
    const loan = await returnBook(ctx.deps, viewer, parseId(args.loanId, 'loanId'));
    ctx.loaders.forget({ loanId: loan.id, bookId: loan.bookId });
    return loan;
  },

  async renewLoan(_: unknown, args: { loanId: string }, ctx: LoansContext) {
    const viewer = requireViewer(ctx.viewer);
    const loan = await renewLoan(ctx.deps, viewer, parseId(args.loanId, 'loanId'));
    ctx.loaders.forget({ loanId: loan.id, bookId: loan.bookId });
    return loan;
  },

  async setLendingCopies(_: unknown, args: { bookId: string; copies: number }, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    const bookId = parseId(args.bookId, 'bookId');
    await setLendingCopies(ctx.deps, bookId, parseLendingCopies(args.copies));
    ctx.loaders.forget({ bookId });
    return availabilityOf(await ctx.loaders.copiesByBookId.load(bookId));
  },
};
