import type { Database } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { insertBooksIfAbsent } from '../db/books.js';
import { anySummary, insertReadySummaries } from '../db/summaries.js';
import type { SummaryProvider } from '../domain/summary-provider.js';

/** A catalogue book, as the demo seed knows it. */
export interface DemoBook {
  id: string;
  title: string;
  description: string | null;
}

/**
 * Gives the demo catalogue READY summaries of its descriptions, stored directly (no requests, no
 * jobs), so a fresh embedded start shows summaries at once. Does nothing once any summary exists.
 * Meant for `extractiveProvider`: it runs at start, where nothing should wait on a network.
 */
export async function seedDemoSummaries(db: Database, books: readonly DemoBook[], provider: SummaryProvider): Promise<{ inserted: number }> {
  if (await anySummary(db)) return { inserted: 0 };
  // Written before the transaction opens, so no lock is held while the provider works.
  const summaries: { bookId: string; text: string }[] = [];
  for (const book of books) {
    if (book.description?.trim()) summaries.push({ bookId: book.id, text: await provider.summarize(book.description) });
  }
  return db.transaction(async (tx) => {
    // Two processes starting together on one database must not both see "no summaries" and seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('summaries:seed-demo-summaries'))`);
    if (await anySummary(tx)) return { inserted: 0 };
    await insertBooksIfAbsent(tx, books);
    await insertReadySummaries(tx, summaries, provider.name);
    return { inserted: summaries.length };
  });
}
