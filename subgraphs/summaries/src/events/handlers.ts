import { AppError, ErrorCode, RateLimitedError } from '@bookstore/server-core';
import { type EventHandlers } from '@bookstore/subgraph-runtime';
import { bookDescription, recordBookChange } from '../db/books.js';
import { finishSummary, pendingSummary } from '../db/summaries.js';
import type { SummariesDependencies } from '../deps.js';

/**
 * The `summaries` consumer. Each handler runs in the transaction that records the event in the
 * inbox, so a redelivered event has no second effect. The provider runs inside that transaction
 * too, which keeps "summary stored" and "event handled" one atomic step; the price is a
 * connection held for the call, bounded by the provider's timeout and retries. On PGlite that
 * connection is the whole database's, so there a slow `openai` provider pauses other queries
 * while it works (the extractive one answers at once).
 */
export function summariesEventHandlers(deps: Pick<SummariesDependencies, 'provider' | 'logger'>): EventHandlers {
  return {
    'book.changed': async (tx, change, event) => {
      await recordBookChange(tx, change, new Date(event.occurredAt));
    },
    'summary.requested': async (tx, request, event) => {
      const summary = await pendingSummary(tx, request.bookId, request.summaryId);
      // A newer request replaced this one, or this one has finished: nothing is left to do.
      if (!summary) return;
      const log = deps.logger.child({ bookId: request.bookId, summaryId: request.summaryId, eventId: event.id });
      // The description is read now, not at request time: the latest one is the one worth summarising.
      const text = summary.source === 'CONTENT' ? request.content : await bookDescription(tx, request.bookId);
      if (!text?.trim()) {
        log.warn('nothing to summarise: the description was removed after the request');
        await finishSummary(tx, summary, { status: 'FAILED', provider: deps.provider.name, failureReason: 'The book has no description to summarise any more.' });
        return;
      }
      let written: string;
      try {
        written = await deps.provider.summarize(text);
      } catch (error) {
        // The provider refused to start (its rate limit): the queue retries the job with backoff,
        // and the rollback takes the event out of the inbox again.
        if (error instanceof RateLimitedError) throw error;
        // It gave up after its own retries, or its answer was unusable: retrying the job would
        // only repeat that, so the summary is FAILED and a new request may try again.
        log.warn({ err: error }, 'summary failed');
        // The provider's own errors are written for readers; anything else says only that it failed.
        const failureReason = error instanceof AppError && error.extensions['code'] === ErrorCode.SERVICE_UNAVAILABLE ? error.message : 'The summary could not be written.';
        await finishSummary(tx, summary, { status: 'FAILED', provider: deps.provider.name, failureReason });
        return;
      }
      await finishSummary(tx, summary, { status: 'READY', text: written, provider: deps.provider.name });
    },
  };
}
