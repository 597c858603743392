import { randomUUID } from 'node:crypto';
import { createLogger } from '@bookstore/server-core';
import { type EventEnvelope, type EventPayload } from '@bookstore/events';
import { defineSubgraph } from '@bookstore/subgraph-runtime';
import { outboxEvents, withTestbed, type TargetKind, type TestCaller as Caller, type TestSubgraph } from '@bookstore/testing';
import { expect } from 'vitest';
import { outboxTable } from '../db/schema.js';
import { buildSummaries, summariesSubgraph } from '../subgraph.js';
import { createTestProvider, type TestProvider } from './test-provider.js';

export type { Caller, TargetKind };

/** GraphQL `BookSummary`, as a client reads it. */
export interface BookSummary {
  text: string | null;
  status: 'PENDING' | 'READY' | 'FAILED';
  provider: string;
  generatedAt: string | null;
  failureReason: string | null;
}

export interface BookChange {
  bookId?: string;
  title?: string;
  description?: string | null;
  deleted?: boolean;
  /** When the catalog made the change; default now. */
  at?: Date;
}

/**
 * A summaries subgraph on a free port over a fresh database, consuming its queue as in production:
 * PostgreSQL with bullmq on Redis (services mode), or PGlite with in-process messaging (embedded).
 * Its provider is the test provider (see MARK).
 */
export interface SummariesHarness extends TestSubgraph {
  readonly provider: TestProvider;
  /** Announces a book as the catalog does (`book.changed`); resolves with its id once it was handled. */
  changeBook(change?: BookChange): Promise<string>;
  /** `Book.summary`, read through `_entities` as the router does. */
  summaryOf(bookId: string): Promise<BookSummary | null>;
  /** `Book.summary` once its job has finished (READY or FAILED). */
  settled(bookId: string): Promise<BookSummary>;
  /** The `summary.requested` events written for a book. */
  requestedEvents(bookId: string): Promise<EventEnvelope<'summary.requested'>[]>;
  /** The number of SQL statements on the summaries table that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
}

const POLL = { timeout: 10_000, interval: 20 };
const SUMMARY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { summary { text status provider generatedAt failureReason } } } }';

export async function startSummaries(kind: TargetKind): Promise<SummariesHarness> {
  const logger = createLogger('summaries-test', 'silent');
  const provider = createTestProvider();
  return withTestbed(kind, 'summaries', logger, async (bed) => {
    // The test provider (see MARK) in place of the configured one.
    const withTestProvider = defineSubgraph({ ...summariesSubgraph, build: ({ db, events }) => buildSummaries({ db, events, provider, logger }) });
    const summaries = await bed.run(withTestProvider);
    const summaryOf = async (bookId: string) => {
      const { data, errors } = await summaries.request<{ _entities: { summary: BookSummary | null }[] }>(SUMMARY, { r: [{ __typename: 'Book', id: bookId }] });
      expect(errors).toBeUndefined();
      return data!._entities[0]!.summary;
    };
    return Object.assign(summaries, {
      provider,
      async changeBook({ bookId = randomUUID(), title = 'A test book', description = null, deleted = false, at }: BookChange = {}) {
        const envelope = await summaries.publish('book.changed', { bookId, title, description, deleted }, { occurredAt: at });
        await summaries.handled(envelope.id);
        return bookId;
      },
      summaryOf,
      async settled(bookId: string) {
        await expect.poll(async () => (await summaryOf(bookId))?.status, POLL).toMatch(/^(READY|FAILED)$/);
        return (await summaryOf(bookId))!;
      },
      async requestedEvents(bookId: string) {
        const events = await outboxEvents(summaries.db, outboxTable, { bookId }, 'summary.requested');
        return events.map((event): EventEnvelope<'summary.requested'> => ({ id: event.id, name: 'summary.requested', payload: event.payload as EventPayload<'summary.requested'>, occurredAt: event.occurredAt.toISOString(), source: 'summaries' }));
      },
      countQueries: (run: () => Promise<unknown>) => bed.queries.count(run, /"summaries"\."summaries"/),
    });
  });
}
