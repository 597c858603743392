import { randomUUID } from 'node:crypto';
import { createLogger } from '@bookstore/server-core';
import { channelOf, type EventEnvelope, type EventName, type EventPayload } from '@bookstore/events';
import { type Job, type JobQueue, type Messaging } from '@bookstore/subgraph-runtime';
import { connectWs, observePubSub, outboxEvents, withTestbed, type ObservedPubSub, type OutboxEvent, type TargetKind, type TestCaller as Caller, type TestSubgraph, type TestWsClient } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { addKnownBooks } from '../db/books.js';
import { ordersTable, outboxTable } from '../db/schema.js';
import type { OrderStatus } from '../domain/order-status.js';
import { ordersSubgraph } from '../subgraph.js';

export type { Caller, TargetKind };

export interface OrdersHarnessOptions {
  /** PostgreSQL with Redis (services mode) or PGlite with in-process messaging (embedded mode). */
  kind: TargetKind;
  /** Default 900 (the config's default). */
  paymentWindowSeconds?: number;
}

/** An orders subgraph on a free port over a fresh database, its workers running, driven as its neighbours would. */
export interface OrdersHarness extends TestSubgraph {
  messaging: Messaging;
  /** The pub/sub the subgraph's subscriptions listen on; `listeners` counts what they hold now. */
  pubsub: ObservedPubSub;
  admin: Caller;
  /** A new CUSTOMER with a random id. */
  customer(): Promise<Caller>;
  /** A graphql-ws client on the subgraph, as the router connects (connectionParams authorization), with `token` when given. */
  ws(token?: string): TestWsClient;
  /** Disposes every client ws() opened (stop() does too). */
  closeSockets(): Promise<void>;
  /** Publishes an `order.status_changed` envelope on its channel, as the outbox relay does. */
  announce(change: EventPayload<'order.status_changed'>): Promise<void>;
  /** Puts an event on the `orders` queue as the catalog or payments would; returns its event id. */
  deliver<N extends EventName>(name: N, payload: EventPayload<N>, options?: { eventId?: string; jobId?: string }): Promise<string>;
  /** Ids of the `orders` jobs that have finished, handled or dropped as already handled (not those that failed). */
  finishedJobs: Set<string>;
  /** Everything placed on `queue` from now on (as the catalog's or payments' worker would receive it). */
  watchQueue(queue: 'catalog' | 'payments'): Job[];
  /** Adds books to orders' view of the catalogue, as their `book.changed` events would. */
  knowBooks(bookIds: readonly string[]): Promise<void>;
  /** The events written about an order, oldest first (events of one transaction in any order). */
  outbox(orderId: string): Promise<OutboxEvent[]>;
  statusOf(orderId: string): Promise<OrderStatus | undefined>;
}

export async function startOrders({ kind, paymentWindowSeconds = 900 }: OrdersHarnessOptions): Promise<OrdersHarness> {
  return withTestbed(kind, 'orders', createLogger('orders-test', 'silent'), async (bed) => {
    const { messaging } = bed;
    const watchers: { close(): Promise<void> }[] = [];
    bed.defer(async () => void (await Promise.all(watchers.map((watcher) => watcher.close()))));

    // The subgraph consumes through this view of the queue, which tells the tests when a job is done.
    const finishedJobs = new Set<string>();
    const observedQueue: JobQueue = {
      add: (queue, job) => messaging.queue.add(queue, job),
      addBulk: (queue, jobs) => messaging.queue.addBulk(queue, jobs),
      depth: (queue) => messaging.queue.depth(queue),
      process: (queue, handler, options) =>
        messaging.queue.process(
          queue,
          async (job) => {
            await handler(job);
            finishedJobs.add(job.id);
          },
          options,
        ),
      close: () => messaging.queue.close(),
    };

    const pubsub = observePubSub(messaging.pubsub);
    const orders = await bed.run(ordersSubgraph, { settings: { PAYMENT_WINDOW_SECONDS: paymentWindowSeconds }, messaging: { ...messaging, queue: observedQueue, pubsub } });
    const wsClients: TestWsClient[] = [];
    const closeSockets = async () => void (await Promise.all(wsClients.splice(0).map((client) => client.dispose())));
    // Registered after the server's disposer, so sockets close before the server drains.
    bed.defer(closeSockets);

    return Object.assign(orders, {
      messaging,
      pubsub,
      admin: await bed.sign('ADMIN'),
      customer: () => bed.sign('CUSTOMER'),
      finishedJobs,
      ws(token?: string) {
        const client = connectWs(orders.url, token ? { token } : {});
        wsClients.push(client);
        return client;
      },
      closeSockets,
      async announce(change: EventPayload<'order.status_changed'>) {
        const envelope: EventEnvelope<'order.status_changed'> = { id: randomUUID(), name: 'order.status_changed', payload: change, occurredAt: change.at, source: 'orders-tests' };
        await messaging.pubsub.publish(channelOf('order.status_changed'), envelope);
      },
      async deliver<N extends EventName>(name: N, payload: EventPayload<N>, { eventId = randomUUID(), jobId = eventId }: { eventId?: string; jobId?: string } = {}) {
        return (await orders.publish(name, payload, { eventId, jobId })).id;
      },
      watchQueue(queue: 'catalog' | 'payments') {
        const seen: Job[] = [];
        watchers.push(messaging.queue.process(queue, async (job) => void seen.push(job)));
        return seen;
      },
      knowBooks: (bookIds: readonly string[]) => addKnownBooks(orders.db, bookIds),
      outbox: (orderId: string) => outboxEvents(orders.db, outboxTable, { orderId }),
      async statusOf(orderId: string) {
        const [row] = await orders.db.select({ status: ordersTable.status }).from(ordersTable).where(eq(ordersTable.id, orderId));
        return row?.status;
      },
    });
  });
}
