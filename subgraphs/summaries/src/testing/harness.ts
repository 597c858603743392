import { randomUUID } from 'node:crypto';
import { createLogger, defineSubgraph, runSubgraph, type Database, type EventEnvelope, type EventName, type EventPayload } from '@bookstore/kit';
import { deliverEvent, gql, openSubgraphTestbed, untilHandled, type GraphQLResponse, type TargetKind, type TestCaller as Caller } from '@bookstore/kit/testing';
import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { inboxTable, outboxTable } from '../db/schema.js';
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
export interface SummariesHarness {
  readonly url: string;
  readonly db: Database;
  readonly provider: TestProvider;
  /** A new signed-in CUSTOMER. */
  caller(): Promise<Caller>;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Puts an event on the summaries queue the way a relay does (job id = event id). */
  publish<N extends EventName>(name: N, payload: EventPayload<N>, options?: { eventId?: string; occurredAt?: Date }): Promise<EventEnvelope<N>>;
  /** Announces a book as the catalog does (`book.changed`); resolves with its id once it was handled. */
  changeBook(change?: BookChange): Promise<string>;
  /** Resolves once the summaries consumer has handled the event (its inbox holds it). */
  handled(eventId: string): Promise<void>;
  /** `Book.summary`, read through `_entities` as the router does. */
  summaryOf(bookId: string): Promise<BookSummary | null>;
  /** `Book.summary` once its job has finished (READY or FAILED). */
  settled(bookId: string): Promise<BookSummary>;
  /** The `summary.requested` events written for a book. */
  requestedEvents(bookId: string): Promise<EventEnvelope<'summary.requested'>[]>;
  /** The number of SQL statements on the summaries table that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

const POLL = { timeout: 10_000, interval: 20 };
const SUMMARY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { summary { text status provider generatedAt failureReason } } } }';

export async function startSummaries(kind: TargetKind): Promise<SummariesHarness> {
  const logger = createLogger('summaries-test', 'silent');
  const provider = createTestProvider();
  const bed = await openSubgraphTestbed(kind, 'summaries', logger);
  const { messaging, queries } = bed;
  try {
    // The test provider (see MARK) in place of the configured one.
    const withTestProvider = defineSubgraph({
      ...summariesSubgraph,
      build: ({ db, events }) => buildSummaries({ db, events, provider, logger }),
    });
    const running = await runSubgraph(withTestProvider, { ...bed.serverOptions, settings: {} });
    bed.defer(() => running.stop());

    const harness: SummariesHarness = {
      url: running.url,
      db: running.db,
      provider,
      caller: () => bed.sign('CUSTOMER'),
      request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
      async publish(name, payload, { eventId = randomUUID(), occurredAt = new Date() } = {}) {
        return deliverEvent(messaging.queue, 'summaries', name, payload, { eventId, occurredAt, source: 'catalog' });
      },
      async changeBook({ bookId = randomUUID(), title = 'A test book', description = null, deleted = false, at } = {}) {
        const envelope = await harness.publish('book.changed', { bookId, title, description, deleted }, { occurredAt: at });
        await harness.handled(envelope.id);
        return bookId;
      },
      handled: (eventId) => untilHandled(running.db, inboxTable, 'summaries', eventId),
      async summaryOf(bookId) {
        const { data, errors } = await harness.request<{ _entities: { summary: BookSummary | null }[] }>(SUMMARY, { r: [{ __typename: 'Book', id: bookId }] });
        expect(errors).toBeUndefined();
        return data!._entities[0]!.summary;
      },
      async settled(bookId) {
        await expect.poll(async () => (await harness.summaryOf(bookId))?.status, POLL).toMatch(/^(READY|FAILED)$/);
        return (await harness.summaryOf(bookId))!;
      },
      async requestedEvents(bookId) {
        const rows = await running.db
          .select()
          .from(outboxTable)
          .where(and(eq(outboxTable.name, 'summary.requested'), sql`${outboxTable.payload}->>'bookId' = ${bookId}`));
        return rows.map((row) => ({ id: row.id, name: 'summary.requested', payload: row.payload as EventPayload<'summary.requested'>, occurredAt: row.occurredAt.toISOString(), source: 'summaries' }));
      },
      countQueries: (run) => queries.count(run, /"summaries"\."summaries"/),
      stop: bed.dispose,
    };
    return harness;
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}
