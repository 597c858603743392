import { decodeTimeIdCursor, isUuid, paginate, timeIdCursor, type PageArgs } from '@bookstore/subgraph-runtime';
import type { LoansContext } from '../context.js';
import type { HoldRow } from '../db/holds.js';
import type { LoanRow } from '../db/loans.js';
import { requireHoldAccess, requireLibraryRecordsOf, requireLoanAccess } from '../domain/access.js';
import { availabilityOf } from '../domain/lending-copies.js';
import type { HoldStatus, LoanStatus } from '../domain/types.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

export interface LoansArgs extends PageArgs {
  status?: LoanStatus | null;
}

export interface HoldsArgs extends PageArgs {
  status?: HoldStatus | null;
}

/** Loans list newest borrowed first. */
export const loanCursorOf = (loan: LoanRow) => timeIdCursor(loan.borrowedAt, loan.id);
/** Holds list by when they were placed (Query.holds oldest first, User.holds newest first). */
export const holdCursorOf = (hold: HoldRow) => timeIdCursor(hold.placedAt, hold.id);

/**
 * Any subgraph can hand the router a Loan or Hold reference to resolve through `_entities`, so
 * their fields (all but the key) check the caller themselves rather than trust the entry point.
 */
function guardedBy<R>(check: (viewer: LoansContext['viewer'], row: R) => unknown) {
  return <T>(read: (row: R, ctx: LoansContext) => T) =>
    (row: R, _args: unknown, ctx: LoansContext): T => {
      check(ctx.viewer, row);
      return read(row, ctx);
    };
}
const guarded = guardedBy<LoanRow>(requireLoanAccess);
const guardedHold = guardedBy<HoldRow>(requireHoldAccess);

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

export const Hold = {
  __resolveReference(ref: Reference, ctx: LoansContext) {
    return isUuid(ref.id) ? ctx.loaders.holdById.load(ref.id.toLowerCase()) : null;
  },
  book: guardedHold((hold) => ({ __typename: 'Book', id: hold.bookId })),
  member: guardedHold((hold) => ({ __typename: 'User', id: hold.memberId })),
  status: guardedHold((hold) => hold.status),
  position: guardedHold(async (hold, ctx) => (hold.status === 'WAITING' ? ((await ctx.loaders.positionOfHold.load(hold.id))?.position ?? null) : null)),
  placedAt: guardedHold((hold) => hold.placedAt),
  readyAt: guardedHold((hold) => hold.readyAt),
  pickupBy: guardedHold((hold) => hold.pickupBy),
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

/** The users subgraph owns users; any well-formed id is one, and its loans and holds may be none. */
export const User = {
  __resolveReference: (ref: Reference) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null),
  async loans(user: Reference, args: LoansArgs, ctx: LoansContext) {
    requireLibraryRecordsOf(ctx.viewer, user.id, 'loans');
    const status = args.status ?? null;
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.loansOfBorrower({ status, ...page }).load(user.id),
      cursorOf: loanCursorOf,
      totalCount: () => ctx.loaders.loanCountOfBorrower(status).load(user.id),
    });
  },

  async holds(user: Reference, args: HoldsArgs, ctx: LoansContext) {
    requireLibraryRecordsOf(ctx.viewer, user.id, 'holds');
    const status = args.status ?? null;
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.holdsOfMember({ status, ...page }).load(user.id),
      cursorOf: holdCursorOf,
      totalCount: () => ctx.loaders.holdCountOfMember(status).load(user.id),
    });
  },
};
