import { eventTables, instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { boolean, check, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import type { SummarySource, SummaryStatus } from '../domain/types.js';

export const summariesSchema = pgSchema('summaries');

export const { outboxTable, inboxTable } = eventTables(summariesSchema);


/**
 * What summaries knows about the catalog's books, learned only from `book.changed` events (it
 * never reads the catalog schema): which books exist and the descriptions to summarise.
 */
export const booksTable = summariesSchema.table('books', {
  bookId: uuid('book_id').primaryKey(),
  title: text('title').notNull(),
  description: text('description'),
  deleted: boolean('deleted').notNull().default(false),
  /** When the catalog made the change this row reflects; an older event arriving late is ignored. */
  changedAt: instant('changed_at').notNull(),
});

/**
 * A book's summary: one row per book, replaced by each new request. `id` names the request the
 * row belongs to; a `summary.requested` job carrying another id was superseded and does nothing.
 */
export const summariesTable = summariesSchema.table(
  'summaries',
  {
    bookId: uuid('book_id')
      .primaryKey()
      .references(() => booksTable.bookId),
    id: uuid('id').notNull(),
    status: text('status').$type<SummaryStatus>().notNull(),
    /** Where the job takes its text from: the request's content (carried by the event) or the book's description. */
    source: text('source').$type<SummarySource>().notNull(),
    text: text('text'),
    /** The configured provider while PENDING; the one that answered once READY or FAILED. */
    provider: text('provider').notNull(),
    requestedAt: instant('requested_at').notNull().defaultNow(),
    generatedAt: instant('generated_at'),
    /** Why a FAILED summary failed, in words a reader may see (never the provider's URL, key or answer). */
    failureReason: text('failure_reason'),
  },
  (t) => [
    check('summaries_status_known', sql`${t.status} in ('PENDING', 'READY', 'FAILED')`),
    check('summaries_source_known', sql`${t.source} in ('CONTENT', 'DESCRIPTION')`),
    // Only a READY summary has a text and the time it was written.
    check('summaries_ready_complete', sql`(${t.status} = 'READY') = (${t.text} is not null and ${t.generatedAt} is not null)`),
    check('summaries_reason_when_failed', sql`${t.failureReason} is null or ${t.status} = 'FAILED'`),
  ],
);
