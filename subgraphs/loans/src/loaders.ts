import { groupLoader, isUuid, rowLoader, type Database } from '@bookstore/kit';
import DataLoader from 'dataloader';
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

// Book and user ids come from other subgraphs' representations; only UUIDs can match a row,
// and anything else would make the uuid comparison fail in SQL.
const uuidsOf = (ids: readonly string[]) => ids.filter(isUuid);

/** One loader per distinct argument set, created on first use. */
function perKey<A, L>(create: (args: A) => L): { get(args: A): L; clear(): void } {
  const loaders = new Map<string, L>();
  return {
    get(args) {
      const key = JSON.stringify(args);
      let loader = loaders.get(key);
      if (!loader) {
        loader = create(args);
        loaders.set(key, loader);
      }
      return loader;
    },
    clear: () => loaders.clear(),
  };
}

export function createLoaders(db: Database): LoansLoaders {
  const pages = perKey((page: LoanPageQuery) => groupLoader((ids) => loansOfBorrowers(db, uuidsOf(ids), page), (loan) => loan.borrowerId));
  const counts = perKey(
    (status: LoanStatus | null) =>
      new DataLoader<string, number>(async (ids) => {
        const byBorrower = new Map((await loanCountsOfBorrowers(db, uuidsOf(ids), status)).map((row) => [row.borrowerId, row.count]));
        return ids.map((id) => byBorrower.get(id) ?? 0);
      }),
  );
  const loaders: LoansLoaders = {
    loanById: rowLoader((ids) => loansByIds(db, ids), (loan) => loan.id),
    copiesByBookId: rowLoader((ids) => copiesOfBooks(db, uuidsOf(ids)), (copies) => copies.bookId),
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
