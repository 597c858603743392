import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { type EventEnvelope } from '@bookstore/events';
import { defineSubgraph, parseEnvelope } from '@bookstore/subgraph-runtime';
import { withTestbed, type TargetKind, type TestCaller as Caller, type TestSubgraph } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect } from 'vitest';
import { payableOrdersTable } from '../db/schema.js';
import { buildPayments, paymentsSubgraph } from '../subgraph.js';

export type { Caller, TargetKind };

/**
 * A payments subgraph on a free port over a fresh database, consuming its queue as in production:
 * PostgreSQL with bullmq on Redis (services mode), or PGlite with in-process messaging (embedded).
 */
export interface PaymentsHarness extends TestSubgraph {
  admin: Caller;
  /** An order of `customer` (new unless given), announced by `order.awaiting_payment`; resolves once payments can take its payment. */
  orderAwaitingPayment(customer: Caller, order?: { orderId?: string; totalCents?: number; currency?: string }): Promise<string>;
  /** The number of SQL statements on the payments and refunds tables that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /** What payments relayed to the orders queue, as a test consumer there received it. */
  relayedToOrders: EventEnvelope[];
  /** Every line the subgraph logged, at every level. */
  logs: string[];
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
  return withTestbed(kind, 'payments', logger, async (bed) => {
    const relayedToOrders: EventEnvelope[] = [];
    bed.messaging.queue.process('orders', async (job) => {
      relayedToOrders.push(parseEnvelope(job.data));
    });
    // Most tests pay many times as one customer: without payOrder's throttle, unless they test it.
    const withoutThrottle = defineSubgraph({ ...paymentsSubgraph, build: ({ db, events }) => buildPayments({ db, events, logger }) });
    const payments = await bed.run(options.rateLimited ? paymentsSubgraph : withoutThrottle);
    return Object.assign(payments, {
      admin: await bed.sign('ADMIN'),
      // Only the API's statements: the relay polls the outbox in the background.
      countQueries: (run: () => Promise<unknown>) => bed.queries.count(run, /"payments"\."(payments|refunds)"/),
      async orderAwaitingPayment(customer: Caller, { orderId = randomUUID(), totalCents = 2999, currency = 'USD' } = {}) {
        await payments.publish('order.awaiting_payment', { orderId, customerId: customer.id, totalCents, currency });
        await expect
          .poll(async () => (await payments.db.select({ state: payableOrdersTable.state }).from(payableOrdersTable).where(eq(payableOrdersTable.orderId, orderId)))[0]?.state, POLL)
          .toBe('AWAITING');
        return orderId;
      },
      relayedToOrders,
      logs,
    });
  });
}
