import { randomUUID } from 'node:crypto';
import type { Database } from '@bookstore/subgraph-runtime';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SummarySource, SummaryStatus } from '../domain/types.js';
import { summariesTable } from './schema.js';

/** Every column a `BookSummary` is resolved from, and what its job needs. */
const summaryColumns = {
  bookId: summariesTable.bookId,
  id: summariesTable.id,
  status: summariesTable.status,
  source: summariesTable.source,
  text: summariesTable.text,
  provider: summariesTable.provider,
  generatedAt: summariesTable.generatedAt,
  failureReason: summariesTable.failureReason,
};

export interface SummaryRow {
  bookId: string;
  /** The request this summary belongs to (the `summaryId` of its `summary.requested`). */
  id: string;
  status: SummaryStatus;
  source: SummarySource;
  text: string | null;
  provider: string;
  generatedAt: Date | null;
  /** Why it FAILED; null otherwise. */
  failureReason: string | null;
}

/** How a summary's job ended. */
export type SummaryOutcome = { status: 'READY'; text: string; provider: string } | { status: 'FAILED'; provider: string; failureReason: string };

export async function summariesOfBooks(db: Database, bookIds: readonly string[]): Promise<SummaryRow[]> {
  return db.select(summaryColumns).from(summariesTable).where(inArray(summariesTable.bookId, [...bookIds]));
}

export async function summaryOfBook(db: Database, bookId: string): Promise<SummaryRow | undefined> {
  const [row] = await db.select(summaryColumns).from(summariesTable).where(eq(summariesTable.bookId, bookId));
  return row;
}

/** Starts a new request for a book's summary, replacing what it had: PENDING, under a new id. */
export async function startSummary(db: Database, request: { bookId: string; source: SummarySource; provider: string }): Promise<SummaryRow> {
  const pending = { id: randomUUID(), status: 'PENDING' as const, source: request.source, text: null, provider: request.provider, generatedAt: null, failureReason: null };
  const [row] = await db
    .insert(summariesTable)
    .values({ bookId: request.bookId, ...pending })
    .onConflictDoUpdate({ target: summariesTable.bookId, set: { ...pending, requestedAt: sql`now()` } })
    .returning(summaryColumns);
  return row!;
}

/** The book's summary if `summaryId` is still its current request and nothing has finished it. */
export async function pendingSummary(db: Database, bookId: string, summaryId: string): Promise<SummaryRow | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(summariesTable)
    .where(and(eq(summariesTable.bookId, bookId), eq(summariesTable.id, summaryId), eq(summariesTable.status, 'PENDING')));
  return row;
}

export async function finishSummary(db: Database, summary: Pick<SummaryRow, 'bookId' | 'id'>, outcome: SummaryOutcome): Promise<void> {
  // The time it was written, not when the job's transaction began (Postgres' now()): a model can take a while.
  const finished = outcome.status === 'READY' ? { ...outcome, generatedAt: new Date() } : outcome;
  await db
    .update(summariesTable)
    .set(finished)
    .where(and(eq(summariesTable.bookId, summary.bookId), eq(summariesTable.id, summary.id), eq(summariesTable.status, 'PENDING')));
}

export async function anySummary(db: Database): Promise<boolean> {
  const [row] = await db.select({ bookId: summariesTable.bookId }).from(summariesTable).limit(1);
  return row !== undefined;
}

/** Stores finished summaries directly, without requests or jobs (demo seeding). */
export async function insertReadySummaries(db: Database, summaries: readonly { bookId: string; text: string }[], provider: string): Promise<void> {
  if (summaries.length === 0) return;
  await db
    .insert(summariesTable)
    .values(summaries.map((summary) => ({ ...summary, id: randomUUID(), status: 'READY' as const, source: 'DESCRIPTION' as const, provider, generatedAt: new Date() })))
    .onConflictDoNothing();
}
