import { requireRole, requireViewer, type Viewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { borrowBook } from '../commands/borrow-book.js';
import { cancelHold } from '../commands/end-hold.js';
import { placeHold } from '../commands/place-hold.js';
import { renewLoan } from '../commands/renew-loan.js';
import { returnBook } from '../commands/return-book.js';
import { setLendingCopies } from '../commands/set-lending-copies.js';
import type { LoansContext } from '../context.js';
import type { LoanRow } from '../db/loans.js';
import type { LoansDependencies } from '../deps.js';
import { borrowerIdOf } from '../domain/access.js';
import type { Lender } from '../domain/borrowing.js';
import { availabilityOf, parseLendingCopies } from '../domain/lending-copies.js';

/** borrowBook and checkOutBook: one command, the borrower a parameter. */
async function lend(ctx: LoansContext, borrowerId: string, rawBookId: string, lender: Lender): Promise<LoanRow> {
  const bookId = parseId(rawBookId, 'bookId');
  const loan = await borrowBook(ctx.deps, borrowerId, bookId, lender);
  ctx.loaders.forget({ loanId: loan.id, bookId });
  return loan;
}

/** returnBook and renewLoan: a command on one loan by its borrower (or staff), the loan's cached rows forgotten after. */
async function changeLoan(ctx: LoansContext, rawLoanId: string, command: (deps: LoansDependencies, viewer: Viewer, loanId: string) => Promise<LoanRow>): Promise<LoanRow> {
  const loan = await command(ctx.deps, requireViewer(ctx.viewer), parseId(rawLoanId, 'loanId'));
  ctx.loaders.forget({ loanId: loan.id, bookId: loan.bookId });
  return loan;
}

export const Mutation = {
  borrowBook(_: unknown, args: { bookId: string }, ctx: LoansContext) {
    return lend(ctx, borrowerIdOf(ctx.viewer), args.bookId, 'self');
  },

  checkOutBook(_: unknown, args: { bookId: string; memberId: string }, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    return lend(ctx, parseId(args.memberId, 'memberId'), args.bookId, 'desk');
  },

  returnBook(_: unknown, args: { loanId: string }, ctx: LoansContext) {
    return changeLoan(ctx, args.loanId, returnBook);
  },

  renewLoan(_: unknown, args: { loanId: string }, ctx: LoansContext) {
    return changeLoan(ctx, args.loanId, renewLoan);
  },

  async setLendingCopies(_: unknown, args: { bookId: string; copies: number }, ctx: LoansContext) {
    requireRole(ctx.viewer, 'LIBRARIAN', 'ADMIN');
    const bookId = parseId(args.bookId, 'bookId');
    await setLendingCopies(ctx.deps, bookId, parseLendingCopies(args.copies));
    ctx.loaders.forget({ bookId });
    return availabilityOf(await ctx.loaders.copiesByBookId.load(bookId));
  },

  async placeHold(_: unknown, args: { bookId: string }, ctx: LoansContext) {
    const memberId = borrowerIdOf(ctx.viewer);
    const bookId = parseId(args.bookId, 'bookId');
    const hold = await placeHold(ctx.deps, memberId, bookId);
    ctx.loaders.forget({ holdId: hold.id, bookId });
    return hold;
  },

  async cancelHold(_: unknown, args: { holdId: string }, ctx: LoansContext) {
    const viewer = requireViewer(ctx.viewer);
    const hold = await cancelHold(ctx.deps, viewer, parseId(args.holdId, 'holdId'));
    ctx.loaders.forget({ holdId: hold.id, bookId: hold.bookId });
    return hold;
  },
};
