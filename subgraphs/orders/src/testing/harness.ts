import { randomUUID } from 'node:crypto';
import { channelOf, createLogger, runSubgraph, type Database, type EventEnvelope, type EventName, type EventPayload, type Job, type JobQueue, type Messaging } from '@bookstore/kit';
import { connectWs, deliverEvent, gql, observePubSub, openSubgraphTestbed, type GraphQLResponse, type ObservedPubSub, type TargetKind, type TestWsClient, type TestCaller as Caller } from '@bookstore/kit/testing';
import { asc, eq, sql } from 'drizzle-orm';
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

export interface OutboxEvent {
  /** Also the job id on every queue it is relayed to. */
  id: string;
  name: string;
  payload: Record<string, unknown>;
  deliverAt: Date;
  publishedAt: Date | null;
}

/** An orders subgraph on a free port over a fresh database, its workers running, driven as its neighbours would. */
export interface OrdersHarness {
  url: string;
  db: Database;
  messaging: Messaging;
  /** The pub/sub the subgraph's subscriptions listen on; `listeners` counts what they hold now. */
  pubsub: ObservedPubSub;
  admin: Caller;
  /** A new CUSTOMER with a random id. */
  customer(): Promise<Caller>;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
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
  /** The number of SQL statements matching `pattern` that `run` causes. */
  countQueries(pattern: RegExp, run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function startOrders({ kind, paymentWindowSeconds = 900 }: OrdersHarnessOptions): Promise<OrdersHarness> {
  const logger = createLogger('orders-test', 'silent');
  const bed = await openSubgraphTestbed(kind, 'orders', logger);
  const { messaging, queries } = bed;
  const signIn = (role: 'CUSTOMER' | 'ADMIN'): Promise<Caller> => bed.sign(role);
  try {
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
    const running = await runSubgraph(ordersSubgraph, {
      ...bed.serverOptions,
      settings: { PAYMENT_WINDOW_SECONDS: paymentWindowSeconds },
      messaging: { ...messaging, queue: observedQueue, pubsub },
    });
    bed.defer(() => running.stop());
    const { db } = running;
    const wsClients: TestWsClient[] = [];
    const closeSockets = async () => void (await Promise.all(wsClients.splice(0).map((client) => client.dispose())));
    // Registered after the server's disposer, so sockets close before the server drains.
    bed.defer(closeSockets);

    return {
      url: running.url,
      db,
      messaging,
      pubsub,
      admin: await signIn('ADMIN'),
      customer: () => signIn('CUSTOMER'),
      finishedJobs,
      request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
      ws(token) {
        const client = connectWs(running.url, token ? { token } : {});
        wsClients.push(client);
        return client;
      },
      closeSockets,
      async announce(change) {
        const envelope: EventEnvelope<'order.status_changed'> = { id: randomUUID(), name: 'order.status_changed', payload: change, occurredAt: change.at, source: 'orders-tests' };
        await messaging.pubsub.publish(channelOf('order.status_changed'), envelope);
      },
      async deliver(name, payload, { eventId = randomUUID(), jobId = eventId } = {}) {
        return (await deliverEvent(messaging.queue, 'orders', name, payload, { eventId, jobId, source: 'orders-tests' })).id;
      },
      watchQueue(queue) {
        const seen: Job[] = [];
        watchers.push(messaging.queue.process(queue, async (job) => void seen.push(job)));
        return seen;
      },
      knowBooks: (bookIds) => addKnownBooks(db, bookIds),
      async outbox(orderId) {
        return db
          .select({ id: outboxTable.id, name: outboxTable.name, payload: outboxTable.payload, deliverAt: outboxTable.deliverAt, publishedAt: outboxTable.publishedAt })
          .from(outboxTable)
          .where(sql`${outboxTable.payload}->>'orderId' = ${orderId}`)
          .orderBy(asc(outboxTable.occurredAt)) as Promise<OutboxEvent[]>;
      },
      async statusOf(orderId) {
        const [row] = await db.select({ status: ordersTable.status }).from(ordersTable).where(eq(ordersTable.id, orderId));
        return row?.status;
      },
      countQueries: (pattern, run) => queries.count(run, pattern),
      stop: bed.dispose,
    };
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}
