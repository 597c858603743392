import { event, NotFoundError } from '@bookstore/kit';
import { chooseSource } from '../domain/summary-input.js';
import { lockBook } from '../db/books.js';
import { startSummary, summaryOfBook, type SummaryRow } from '../db/summaries.js';
import type { SummariesDependencies } from '../deps.js';

/**
 * `requestSummary`: one job per book at a time. A PENDING summary is answered as it is; anything
 * else is replaced by a new PENDING request whose `summary.requested` event is written in the
 * same transaction, so the job exists exactly when the request does.
 */
export async function requestSummary({ db, events, provider }: SummariesDependencies, request: { bookId: string; content: string | null }): Promise<SummaryRow> {
  const { bookId, content } = request;
  const { summary, queued } = await db.transaction(async (tx) => {
    // The book's row lock makes concurrent requests for it take turns: the second one sees the first's PENDING summary.
    const book = await lockBook(tx, bookId);
    if (!book || book.deleted) throw new NotFoundError(`Book ${bookId}`);
    const current = await summaryOfBook(tx, bookId);
    if (current?.status === 'PENDING') return { summary: current, queued: false };
    const source = chooseSource(bookId, content, book.description);
    const started = await startSummary(tx, { bookId, source, provider: provider.name });
    await events.write(tx, [event('summary.requested', { summaryId: started.id, bookId, content })]);
    return { summary: started, queued: true };
  });
  if (queued) events.notify();
  return summary;
}
