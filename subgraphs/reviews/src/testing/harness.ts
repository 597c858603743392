import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@bookstore/events';
import { withTestbed, type TargetKind, type TestCaller as Caller, type TestSubgraph } from '@bookstore/testing';
import { pino } from 'pino';
import { reviewsSubgraph } from '../subgraph.js';

export type { Caller, TargetKind };

/**
 * A reviews subgraph on a free port over a fresh database, consuming its queue as in production:
 * PostgreSQL with bullmq on Redis (services mode), or PGlite with in-process messaging (embedded).
 */
export interface ReviewsHarness extends TestSubgraph {
  admin: Caller;
  /** Announces a book as the catalog does (`book.changed`) and resolves once reviews has recorded it. */
  book(book?: { bookId?: string; title?: string; deleted?: boolean }): Promise<string>;
  /** Delivers an order of these books to `customer` (`order.delivered`) and resolves once reviews has handled it. */
  deliver(customer: Caller, bookIds: string[]): Promise<EventEnvelope<'order.delivered'>>;
  /** The number of SQL statements on the reviews subgraph's own tables that `run` causes (the relay's outbox polls excluded). */
  countQueries(run: () => Promise<unknown>): Promise<number>;
}

export async function startReviews(kind: TargetKind): Promise<ReviewsHarness> {
  // Unexpected errors only: responses mask them, so the log is where a failing test shows the cause.
  return withTestbed(kind, 'reviews', pino({ level: 'error' }), async (bed) => {
    const reviews = await bed.run(reviewsSubgraph);
    return Object.assign(reviews, {
      admin: await bed.sign('ADMIN'),
      countQueries: (run: () => Promise<unknown>) => bed.queries.count(run, /"reviews"\."(reviews|book_ratings|books|purchases)"/),
      async book({ bookId = randomUUID(), title = 'Middlemarch', deleted = false } = {}) {
        const event = await reviews.publish('book.changed', { bookId, title, description: null, deleted });
        await reviews.handled(event.id);
        return bookId;
      },
      async deliver(customer: Caller, bookIds: string[]) {
        const event = await reviews.publish('order.delivered', { orderId: randomUUID(), customerId: customer.id, bookIds });
        await reviews.handled(event.id);
        return event;
      },
    });
  });
}
