import { randomUUID } from 'node:crypto';
import { runSubgraph, type Database, type EventEnvelope, type EventName, type EventPayload, type Role } from '@bookstore/kit';
import { deliverEvent, gql, openSubgraphTestbed, untilHandled, type GraphQLResponse, type TargetKind, type TestCaller as Caller } from '@bookstore/kit/testing';
import { pino } from 'pino';
import { inboxTable } from '../db/schema.js';
import { reviewsSubgraph } from '../subgraph.js';

export type { Caller, TargetKind };

/**
 * A reviews subgraph on a free port over a fresh database, consuming its queue as in production:
 * PostgreSQL with bullmq on Redis (services mode), or PGlite with in-process messaging (embedded).
 */
export interface ReviewsHarness {
  readonly url: string;
  readonly db: Database;
  admin: Caller;
  /** A new caller with a random UUID id; CUSTOMER unless `role` says otherwise. */
  caller(role?: Role): Promise<Caller>;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Puts an event on the reviews queue the way the catalog's and orders' relays do; the job id is the event id unless given. */
  publish<N extends EventName>(name: N, payload: EventPayload<N>, options?: { eventId?: string; jobId?: string }): Promise<EventEnvelope<N>>;
  /** Announces a book as the catalog does (`book.changed`) and resolves once reviews has recorded it. */
  book(book?: { bookId?: string; title?: string; deleted?: boolean }): Promise<string>;
  /** Delivers an order of these books to `customer` (`order.delivered`) and resolves once reviews has handled it. */
  deliver(customer: Caller, bookIds: string[]): Promise<EventEnvelope<'order.delivered'>>;
  /** Resolves once the reviews consumer has handled the event (its inbox holds it). */
  handled(eventId: string): Promise<void>;
  /** Resolves once a job on the reviews queue has finished (services mode only). */
  jobCompleted(jobId: string): Promise<void>;
  /** The number of SQL statements on the reviews subgraph's own tables that `run` causes (the relay's outbox polls excluded). */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}


export async function startReviews(kind: TargetKind): Promise<ReviewsHarness> {
  // Unexpected errors only: responses mask them, so the log is where a failing test shows the cause.
  const logger = pino({ level: 'error' });
  const bed = await openSubgraphTestbed(kind, 'reviews', logger);
  const { messaging, queries, sign } = bed;
  try {
    const running = await runSubgraph(reviewsSubgraph, { ...bed.serverOptions, settings: {} });
    bed.defer(() => running.stop());

    const harness: ReviewsHarness = {
      url: running.url,
      db: running.db,
      admin: await sign('ADMIN'),
      caller: (role = 'CUSTOMER') => sign(role),
      request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
      countQueries: (run) => queries.count(run, /"reviews"\."(reviews|book_ratings|books|purchases)"/),
      async publish(name, payload, options = {}) {
        return deliverEvent(messaging.queue, 'reviews', name, payload, { ...options, source: name === 'book.changed' ? 'catalog' : 'orders' });
      },
      async book({ bookId = randomUUID(), title = 'Middlemarch', deleted = false } = {}) {
        const event = await harness.publish('book.changed', { bookId, title, description: null, deleted });
        await harness.handled(event.id);
        return bookId;
      },
      async deliver(customer, bookIds) {
        const event = await harness.publish('order.delivered', { orderId: randomUUID(), customerId: customer.id, bookIds });
        await harness.handled(event.id);
        return event;
      },
      handled: (eventId) => untilHandled(running.db, inboxTable, 'reviews', eventId),
      jobCompleted: (jobId) => bed.jobCompleted('reviews', jobId),
      stop: bed.dispose,
    };
    return harness;
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}
