import { countLoader, groupLoader, loaderPerArgs, rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { holdCountsOfMembers, holdsByIds, holdsOfMembers, positionsOfHolds, type HoldPageQuery, type HoldRow } from './db/holds.js';
import { copiesOfBooks, type BookCopiesRow } from './db/lending-copies.js';
import { loanCountsOfBorrowers, loansByIds, loansOfBorrowers, type LoanPageQuery, type LoanRow } from './db/loans.js';
import type { HoldStatus, LoanStatus } from './domain/types.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface LoansLoaders {
  loanById: DataLoader<string, LoanRow | null>;
  holdById: DataLoader<string, HoldRow | null>;
  /** Hold.position: the queue places of every WAITING hold of the request, in one query. */
  positionOfHold: DataLoader<string, { id: string; position: number } | null>;
  /** Book.availability: the copies of every book of the request, their earliest due dates and queue lengths, in one query. */
  copiesByBookId: DataLoader<string, BookCopiesRow | null>;
  /** `User.loans` pages; users asking for the same page (status, first, after) share one query. */
  loansOfBorrower(page: LoanPageQuery): DataLoader<string, LoanRow[]>;
  /** `User.loans` totalCount, per status filter. */
  loanCountOfBorrower(status: LoanStatus | null): DataLoader<string, number>;
  /** `User.holds` pages, as for loans. */
  holdsOfMember(page: HoldPageQuery): DataLoader<string, HoldRow[]>;
  /** `User.holds` totalCount, per status filter. */
  holdCountOfMember(status: HoldStatus | null): DataLoader<string, number>;
  /**
   * Drops what this request (or subscription) cached about a loan or hold and its book after a
   * change (a mutation may be followed by another; a subscription's next event must load afresh).
   */
  forget(change: { loanId?: string; holdId?: string; bookId?: string }): void;
}

export function createLoaders(db: Database): LoansLoaders {
  // Book and user ids come from other subgraphs' representations (uuidsOnly).
  const loanPages = loaderPerArgs((page: LoanPageQuery) => groupLoader(uuidsOnly((ids) => loansOfBorrowers(db, ids, page)), (loan) => loan.borrowerId));
  const loanCounts = loaderPerArgs((status: LoanStatus | null) => countLoader(uuidsOnly((ids) => loanCountsOfBorrowers(db, ids, status)), (row) => row.ownerId));
  const holdPages = loaderPerArgs((page: HoldPageQuery) => groupLoader(uuidsOnly((ids) => holdsOfMembers(db, ids, page)), (hold) => hold.memberId));
  const holdCounts = loaderPerArgs((status: HoldStatus | null) => countLoader(uuidsOnly((ids) => holdCountsOfMembers(db, ids, status)), (row) => row.ownerId));
  const loaders: LoansLoaders = {
    loanById: rowLoader((ids) => loansByIds(db, ids), (loan) => loan.id),
    holdById: rowLoader((ids) => holdsByIds(db, ids), (hold) => hold.id),
    positionOfHold: rowLoader((ids) => positionsOfHolds(db, ids), (row) => row.id),
    copiesByBookId: rowLoader(uuidsOnly((ids) => copiesOfBooks(db, ids)), (copies) => copies.bookId),
    loansOfBorrower: (page) => loanPages.get(page),
    loanCountOfBorrower: (status) => loanCounts.get(status),
    holdsOfMember: (page) => holdPages.get(page),
    holdCountOfMember: (status) => holdCounts.get(status),
    forget({ loanId, holdId, bookId }) {
      if (loanId) loaders.loanById.clear(loanId);
      if (holdId) loaders.holdById.clear(holdId);
      if (bookId) loaders.copiesByBookId.clear(bookId);
      // A change in a queue moves every position in it.
      loaders.positionOfHold.clearAll();
      for (const pages of [loanPages, loanCounts, holdPages, holdCounts]) pages.clear();
    },
  };
  return loaders;
}
