import { decodeTimeIdCursor, isUuid, paginate, timeIdCursor, type PageArgs } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import type { LoanRow } from '../db/loans.js';
import { requireLoanAccess, requireLoansOfAccess } from '../domain/access.js';
import { availabilityOf } from '../domain/lending-copies.js';
import type { LoanStatus } from '../domain/types.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

export interface LoansArgs extends PageArgs {
  status?: LoanStatus | null;
}

/** Loans list newest borrowed first. */
export const loanCursorOf = (loan: LoanRow) => timeIdCursor(loan.borrowedAt, loan.id);

/**
 * Any subgraph can hand the router a Loan reference to resolve through `_entities`, so a loan's
 * fields (all but its key) check the caller themselves rather than trust the entry point.
 */
function guarded<T>(read: (loan: LoanRow) => T) {
  return (loan: LoanRow, _args: unknown, ctx: LoansContext): T => {
    requireLoanAccess(ctx.viewer, loan);
    return read(loan);
  };
}

export const Loan = {
  __resolveReference(ref: Reference, ctx: LoansContext) {
    return isUuid(ref.id) ? ctx.loaders.loanById.load(ref.id.toLowerCase()) : null;
  },
  book: guarded((loan) => ({ __typename: 'Book', id: loan.bookId })),
  borrower: guarded((loan) => ({ __typename: 'User', id: loan.borrowerId })),
  status: guarded((loan) => loan.status),
  borrowedAt: guarded((loan) => loan.borrowedAt),
  dueAt: guarded((loan) => loan.dueAt),
  returnedAt: guarded((loan) => loan.returnedAt),
  renewals: guarded((loan) => loan.renewals),
};

/**
 * The catalog owns books; loans adds their availability. Every well-formed id resolves, so a book
 * loans has not heard of yet (its `book.changed` still on the way) lends no copies rather than
 * failing the whole query.
 */
export const Book = {
  __resolveReference: (ref: Reference) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null),
  async availability(book: Reference, _args: unknown, ctx: LoansContext) {
    return availabilityOf(await ctx.loaders.copiesByBookId.load(book.id));
  },
};

/** The users subgraph owns users; any well-formed id is one, and its loans may be none. */
export const User = {
  __resolveReference: (ref: Reference) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null),
  async loans(user: Reference, args: LoansArgs, ctx: LoansContext) {
    requireLoansOfAccess(ctx.viewer, user.id);
    const status = args.status ?? null;
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.loansOfBorrower({ status, ...page }).load(user.id),
      cursorOf: loanCursorOf,
      totalCount: () => ctx.loaders.loanCountOfBorrower(status).load(user.id),
    });
  },
};
