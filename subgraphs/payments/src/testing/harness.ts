import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { defineSubgraph, parseEnvelope, runSubgraph, type Database, type EventEnvelope, type EventName, type EventPayload, type Role } from '@bookstore/kit';
import { deliverEvent, gql, openSubgraphTestbed, untilHandled, type GraphQLResponse, type TargetKind, type TestCaller as Caller } from '@bookstore/kit/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect } from 'vitest';
import { inboxTable, payableOrdersTable } from '../db/schema.js';
import { buildPayments, paymentsSubgraph } from '../subgraph.js';

export type { Caller, TargetKind };

/**
 * A payments subgraph on a free port over a fresh database, consuming its queue as in production:
 * PostgreSQL with bullmq on Redis (services mode), or PGlite with in-process messaging (embedded).
 */
export interface PaymentsHarness {
  /** The current server's base URL (it changes on restart). */
  readonly url: string;
  readonly db: Database;
  admin: Caller;
  /** A new caller with a random UUID id; CUSTOMER unless `role` says otherwise. */
  caller(role?: Role): Promise<Caller>;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Puts an event on the payments queue the way the orders relay does; the job id is the event id unless given. */
  publish<N extends EventName>(name: N, payload: EventPayload<N>, options?: { eventId?: string; jobId?: string }): Promise<EventEnvelope<N>>;
  /** An order of `customer` (new unless given), announced by `order.awaiting_payment`; resolves once payments can take its payment. */
  orderAwaitingPayment(customer: Caller, order?: { orderId?: string; totalCents?: number; currency?: string }): Promise<string>;
  /** Resolves once the payments consumer has handled the event (its inbox holds it). */
  handled(eventId: string): Promise<void>;
  /** Resolves once a job on the payments queue has finished (services mode only). */
  jobCompleted(jobId: string): Promise<void>;
  /** Stops the subgraph and starts a new one on the same database and queues, as a deploy would. */
  restart(): Promise<void>;
  /** The number of SQL statements on the payments and refunds tables that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /** What payments relayed to the orders queue, as a test consumer there received it. */
  relayedToOrders: EventEnvelope[];
  /** Every line the subgraph logged, at every level. */
  logs: string[];
  stop(): Promise<void>;
}

const POLL = { timeout: 10_000, interval: 20 };

export async function startPayments(kind: TargetKind, options: { rateLimited?: boolean } = {}): Promise<PaymentsHarness> {
  const logs: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const bed = await openSubgraphTestbed(kind, 'payments', logger);
  const { messaging, queries, sign } = bed;
  try {
    const relayedToOrders: EventEnvelope[] = [];
    messaging.queue.process('orders', async (job) => {
      relayedToOrders.push(parseEnvelope(job.data));
    });

    // Most tests pay many times as one customer: without payOrder's throttle, unless they test it.
    const withoutThrottle = defineSubgraph({
      ...paymentsSubgraph,
      build: ({ db, events }) => buildPayments({ db, events, logger }),
    });
    const startServer = () =>
      runSubgraph(options.rateLimited ? paymentsSubgraph : withoutThrottle, { ...bed.serverOptions, settings: {} });
    let running = await startServer();
    bed.defer(() => running.stop());

    const harness: PaymentsHarness = {
      get url() {
        return running.url;
      },
      get db() {
        return running.db;
      },
      admin: await sign('ADMIN'),
      caller: (role = 'CUSTOMER') => sign(role),
      request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
      async restart() {
        await running.stop();
        running = await startServer();
      },
      // Only the API's statements: the relay polls the outbox in the background.
      countQueries: (run) => queries.count(run, /"payments"\."(payments|refunds)"/),
      async publish(name, payload, options = {}) {
        return deliverEvent(messaging.queue, 'payments', name, payload, { ...options, source: 'orders' });
      },
      async orderAwaitingPayment(customer, { orderId = randomUUID(), totalCents = 2999, currency = 'USD' } = {}) {
        await harness.publish('order.awaiting_payment', { orderId, customerId: customer.id, totalCents, currency });
        await expect
          .poll(async () => (await harness.db.select({ state: payableOrdersTable.state }).from(payableOrdersTable).where(eq(payableOrdersTable.orderId, orderId)))[0]?.state, POLL)
          .toBe('AWAITING');
        return orderId;
      },
      handled: (eventId) => untilHandled(harness.db, inboxTable, 'payments', eventId),
      jobCompleted: (jobId) => bed.jobCompleted('payments', jobId),
      relayedToOrders,
      logs,
      stop: bed.dispose,
    };
    return harness;
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}
