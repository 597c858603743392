import { NotFoundError } from '@bookstore/server-core';
import { event } from '@bookstore/events';
import { chooseSource } from '../domain/summary-input.js';
import { lockBook } from '../db/books.js';
import { startSummary, summaryOfBook, type SummaryRow } from '../db/summaries.js';
import type { SummariesDependencies } from '../deps.js';

/**
 * `requestSummary`: one job per book at a time. A PENDING summary is answered as it is; anything
 * else is replaced by a new PENDING request whose `summary.requested` event is written in the
 * same transaction, so the job exists exactly when the request does.
 */
export async function requestSummary({ events, provider }: SummariesDependencies, request: { bookId: string; content: string | null }): Promise<SummaryRow> {
  const { bookId, content } = request;
  return events.transaction(async (tx, emit) => {
    // The book's row lock makes concurrent requests for it take turns: the second one sees the first's PENDING summary.
    const book = await lockBook(tx, bookId);
    if (!book || book.deleted) throw new NotFoundError(`Book ${bookId}`);
    const current = await summaryOfBook(tx, bookId);
    if (current?.status === 'PENDING') return current;
    const source = chooseSource(bookId, content, book.description);
    const started = await startSummary(tx, { bookId, source, provider: provider.name });
    await emit(event('summary.requested', { summaryId: started.id, bookId, content }));
    return started;
  });
}
