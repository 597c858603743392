import { countLoader, groupLoader, loaderPerArgs, rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { copiesOfBooks, type BookCopiesRow } from './db/lending-copies.js';
import { loanCountsOfBorrowers, loansByIds, loansOfBorrowers, type LoanPageQuery, type LoanRow } from './db/loans.js';
import type { LoanStatus } from './domain/types.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface LoansLoaders {
  loanById: DataLoader<string, LoanRow | null>;
  /** Book.availability: the copies of every book of the request and their earliest due dates, in one query. */
  copiesByBookId: DataLoader<string, BookCopiesRow | null>;
  /** `User.loans` pages; users asking for the same page (status, first, after) share one query. */
  loansOfBorrower(page: LoanPageQuery): DataLoader<string, LoanRow[]>;
  /** `User.loans` totalCount, per status filter. */
  loanCountOfBorrower(status: LoanStatus | null): DataLoader<string, number>;
  /** Drops what this request cached about a loan and its book after a change (a mutation may be followed by another). */
  forget(change: { loanId?: string; bookId: string }): void;
}

export function createLoaders(db: Database): LoansLoaders {
  // Book and user ids come from other subgraphs' representations (uuidsOnly).
  const pages = loaderPerArgs((page: LoanPageQuery) => groupLoader(uuidsOnly((ids) => loansOfBorrowers(db, ids, page)), (loan) => loan.borrowerId));
  const counts = loaderPerArgs((status: LoanStatus | null) => countLoader(uuidsOnly((ids) => loanCountsOfBorrowers(db, ids, status)), (row) => row.ownerId));
  const loaders: LoansLoaders = {
    loanById: rowLoader((ids) => loansByIds(db, ids), (loan) => loan.id),
    copiesByBookId: rowLoader(uuidsOnly((ids) => copiesOfBooks(db, ids)), (copies) => copies.bookId),
    loansOfBorrower: (page) => pages.get(page),
    loanCountOfBorrower: (status) => counts.get(status),
    forget({ loanId, bookId }) {
      if (loanId) loaders.loanById.clear(loanId);
      loaders.copiesByBookId.clear(bookId);
      pages.clear();
      counts.clear();
    },
  };
  return loaders;
}
