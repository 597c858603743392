import { rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { summariesOfBooks, type SummaryRow } from './db/summaries.js';

/** Per-request batching: the `Book.summary` lookups of one GraphQL execution tick become one query. */
export interface SummariesLoaders {
  summaryByBookId: DataLoader<string, SummaryRow | null>;
}

export function createLoaders(db: Database): SummariesLoaders {
  return {
    // Book ids come from the catalog's representations (uuidsOnly).
    summaryByBookId: rowLoader(uuidsOnly((ids) => summariesOfBooks(db, ids)), (summary) => summary.bookId),
  };
}
