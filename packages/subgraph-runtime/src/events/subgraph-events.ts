import { randomUUID } from 'node:crypto';
import { and, asc, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db.js';
import { stripValues, type Logger } from '@bookstore/server-core';
import { eventRoutes, eventSchemas, type Consumer, type EventEnvelope, type EventName, type EventPayload, type NewEvent } from '@bookstore/events';
import { UnrecoverableError, type Job, type JobQueue, type ProcessOptions, type QueueDepth, type QueueWorker } from './job-queue.js';
import type { PubSub } from './pubsub.js';
import { currentTraceparent, inSpan, inTraceOf, SpanKind, tracingActive } from '@bookstore/server-core';
import type { EventTables, OutboxTable } from './tables.js';

/**
 * Writes events to the outbox within the transaction it was handed for, so they commit exactly
 * when the change they report does; the relay is woken once that transaction has committed.
 */
export type Emit = (...events: NewEvent[]) => Promise<void>;

/** Handles one event inside the transaction that also records it in the inbox; what it emits is relayed once that commits. */
export type EventHandlers = {
  [N in EventName]?: (tx: Database, payload: EventPayload<N>, event: EventEnvelope<N>, emit: Emit) => Promise<void>;
};

export interface SubgraphEventsOptions {
  db: Database;
  tables: EventTables;
  /** The subgraph writing the events (envelope `source`, relay lock name). */
  source: string;
  queue: JobQueue;
  pubsub: PubSub;
  logger: Logger;
  /** How often the relay looks for unpublished events without being notified, default 250 ms. */
  pollIntervalMs?: number;
  /** Events published per relay transaction, default 100. */
  batchSize?: number;
  /** Published outbox rows and inbox rows are deleted after this long, default 7 days. */
  retentionMs?: number;
  /**
   * With an in-memory queue (embedded mode), events relayed this recently are queued again at
   * start, since jobs waiting at a crash were lost; inboxes drop those already handled. Default 0.
   */
  replayOnStartMs?: number;
}

interface Consuming {
  consumer: Consumer;
  handlers: EventHandlers;
  options?: ProcessOptions;
}

const HOUR = 3_600_000;

/**
 * A subgraph's side of the event flow (DESIGN.md, Events): it writes events to its outbox in
 * the transaction of the change they report, relays them to job queues and pub/sub, and
 * consumes its own queue with an inbox so a redelivered event has no second effect.
 */
export class SubgraphEvents {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private running = false;
  private wake: (() => void) | undefined;
  /** A commit announced events while the relay was busy: it goes again instead of sleeping. */
  private pending = false;
  private loop: Promise<void> | undefined;
  private worker: QueueWorker | undefined;
  private lastCleanup = 0;
  private consumer: Consumer | undefined;
  /** Events relayed and jobs handled since start, for metrics. */
  readonly stats = { relayed: 0, handled: 0, redelivered: 0, failed: 0 };

  constructor(private readonly options: SubgraphEventsOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
    this.retentionMs = options.retentionMs ?? 7 * 24 * HOUR;
  }

  /**
   * The one way a subgraph writes events: runs `work` in one transaction of its database, writes
   * what it emits to the outbox in that transaction, and wakes the relay once it has committed,
   * so the events go out now rather than at the relay's next poll. Events delayed past now
   * (`deliverAt`) wake nobody: the poll finds them when they are due.
   */
  async transaction<T>(work: (tx: Database, emit: Emit) => Promise<T>): Promise<T> {
    let due = false;
    const result = await this.options.db.transaction((tx) => work(tx, this.emitter(tx, () => (due = true))));
    if (due) this.notify();
    return result;
  }

  /** Writes to the outbox within `tx`, telling `onDue` when an event is due now (not delayed). */
  private emitter(tx: Database, onDue: () => void): Emit {
    return async (...events) => {
      await writeEvents(tx, this.options.tables, events);
      const now = Date.now();
      if (events.some((e) => !e.deliverAt || e.deliverAt.getTime() <= now)) onDue();
    };
  }

  /** Runs the relay now rather than at its next poll (a commit wrote events, or is about to have). */
  private notify(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Starts the relay, and the consumer of this subgraph's queue when it consumes events. */
  start(consuming?: Consuming): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.replayRecent().then(() => this.relayLoop());
    if (consuming) {
      this.consumer = consuming.consumer;
      this.worker = this.options.queue.process(consuming.consumer, (job) => this.handle(consuming, job), consuming.options);
    }
  }

  /** Stops consuming (waiting for running handlers) and relaying (after the batch in flight). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.worker?.close();
    await this.loop;
  }

  private async relayLoop(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        this.pending = false;
        published = await this.relayOnce();
        if (Date.now() - this.lastCleanup > HOUR) await this.cleanup();
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(this.pollIntervalMs * 8);
        continue;
      }
      // A full batch means more are waiting, and a notify() during the pass means new commits:
      // go again at once (a wake-up lost while busy cost a whole poll interval per hop).
      if (published < this.batchSize && !this.pending) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /**
   * Publishes due events in commit order. One replica relays at a time (a transaction-scoped
   * advisory lock), which keeps each order's status changes in order; a crash between publishing
   * and marking leaves the rows unpublished, so they go out again (job ids and inboxes dedupe).
   */
  private relayOnce(): Promise<number> {
    const { db, tables, source } = this.options;
    const { outboxTable } = tables;
    return db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${`bookstore-outbox:${source}`})) as locked`);
      if (!lock?.locked) return 0;
      const rows = await tx
        .select()
        .from(outboxTable)
        .where(and(isNull(outboxTable.publishedAt), lte(outboxTable.deliverAt, sql`now()`)))
        .orderBy(asc(outboxTable.occurredAt), asc(outboxTable.id))
        .limit(this.batchSize);
      await this.publishAll(rows.map((row) => toEnvelope(row, source)));
      this.stats.relayed += rows.length;
      if (rows.length > 0) {
        // clock_timestamp(), not now() (this transaction's start, before the rows were even
        // read): published_at is when the queues and channels had the events, which the
        // order-pipeline benchmark reads to time each hop of the saga.
        await tx.update(outboxTable).set({ publishedAt: sql`clock_timestamp()`, attempts: sql`${outboxTable.attempts} + 1` }).where(inArray(outboxTable.id, rows.map((r) => r.id)));
      }
      return rows.length;
    });
  }

  /**
   * One bulk add per queue and the channel messages issued in commit order without waiting on
   * each: a batch costs a few Redis round trips, not two per event (the relay holds its lock
   * meanwhile, and every saga hop waits for it).
   */
  private async publishAll(events: EventEnvelope[], toChannels = true): Promise<void> {
    const byQueue = new Map<string, { id: string; name: string; data: EventEnvelope }[]>();
    for (const event of events) {
      for (const queue of eventRoutes[event.name].queues) {
        let jobs = byQueue.get(queue);
        if (!jobs) byQueue.set(queue, (jobs = []));
        jobs.push({ id: event.id, name: event.name, data: event });
      }
    }
    const published = [...byQueue].map(([queue, jobs]) => this.options.queue.addBulk(queue, jobs));
    if (toChannels) {
      for (const event of events) {
        const channel = eventRoutes[event.name].channel;
        if (channel) published.push(this.options.pubsub.publish(channel, event));
      }
    }
    await Promise.all(published);
  }

  /** Queues recently relayed events again (not to channels: subscribers must not see old news twice). */
  private async replayRecent(): Promise<void> {
    const windowMs = this.options.replayOnStartMs ?? 0;
    if (windowMs <= 0) return;
    const { db, tables, source } = this.options;
    const { outboxTable } = tables;
    try {
      const rows = await db
        .select()
        .from(outboxTable)
        .where(gt(outboxTable.publishedAt, new Date(Date.now() - windowMs)))
        .orderBy(asc(outboxTable.occurredAt), asc(outboxTable.id));
      await this.publishAll(rows.map((row) => toEnvelope(row, source)), false);
    } catch (error) {
      this.options.logger.error({ err: error }, 'replaying recent events failed');
    }
  }

  private async cleanup(): Promise<void> {
    const { db, tables } = this.options;
    const before = new Date(Date.now() - this.retentionMs);
    await db.delete(tables.outboxTable).where(lt(tables.outboxTable.publishedAt, before));
    await db.delete(tables.inboxTable).where(lt(tables.inboxTable.handledAt, before));
    this.lastCleanup = Date.now();
  }

  private async handle(consuming: Consuming, job: Job): Promise<void> {
    if (!tracingActive()) return this.handleJob(consuming, job);
    const attributes = { 'messaging.system': 'bookstore-events', 'messaging.destination.name': consuming.consumer, 'messaging.message.id': job.id, 'bookstore.event': job.name, 'bookstore.attempt': job.attempt };
    // A child of the span that wrote the event, so one trace follows the saga across subgraphs.
    const traceparent = (job.data as { traceparent?: unknown } | null)?.traceparent;
    return inTraceOf(typeof traceparent === 'string' ? traceparent : undefined, () => inSpan(`process ${job.name}`, SpanKind.CONSUMER, attributes, () => this.handleJob(consuming, job)));
  }

  private async handleJob({ consumer, handlers }: Consuming, job: Job): Promise<void> {
    const event = parseEnvelope(job.data);
    const handler = handlers[event.name] as ((tx: Database, payload: unknown, event: EventEnvelope, emit: Emit) => Promise<void>) | undefined;
    if (!handler) throw new UnrecoverableError(`${consumer} has no handler for ${event.name}`);
    const { db, tables } = this.options;
    let due = false;
    try {
      const fresh = await db.transaction(async (tx) => {
        const inserted = await tx.insert(tables.inboxTable).values({ eventId: event.id, consumer }).onConflictDoNothing().returning({ id: tables.inboxTable.eventId });
        if (inserted.length === 0) return false; // handled before: a redelivery has no second effect
        await handler(tx, event.payload, event, this.emitter(tx, () => (due = true)));
        return true;
      });
      this.stats[fresh ? 'handled' : 'redelivered']++;
    } catch (error) {
      this.stats.failed++;
      stripValues(error); // the queue stores the reason: a failed statement's parameters must not go with it
      throw error;
    }
    if (due) this.notify();
  }

  /** The consumed queue's jobs by state, when this subgraph consumes one. */
  async queueDepth(): Promise<{ queue: string; depth: QueueDepth } | undefined> {
    if (!this.consumer) return undefined;
    return { queue: this.consumer, depth: await this.options.queue.depth(this.consumer) };
  }

  /** Outbox rows due and not yet relayed: grows when the queue or Redis is down. */
  async outboxBacklog(): Promise<number> {
    const { db, tables } = this.options;
    const { outboxTable } = tables;
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(outboxTable).where(and(isNull(outboxTable.publishedAt), lte(outboxTable.deliverAt, sql`now()`)));
    return row?.count ?? 0;
  }
}

function toEnvelope(row: OutboxTable['$inferSelect'], source: string): EventEnvelope {
  return { id: row.id, name: row.name as EventName, payload: row.payload as never, occurredAt: row.occurredAt.toISOString(), source, ...(row.traceparent ? { traceparent: row.traceparent } : {}) };
}

/**
 * Writes events to a subgraph's outbox within `tx`; a relay publishes them once `tx` commits.
 * SubgraphEvents.transaction writes through it; call it directly only where no relay of this
 * process could be woken (the seed script): the next relay pass, here or in another process, sends them.
 */
export async function writeEvents(tx: Database, tables: Pick<EventTables, 'outboxTable'>, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const traceparent = currentTraceparent();
  const rows = events.map((e) => ({
    id: randomUUID(),
    name: e.name,
    payload: eventSchemas[e.name].parse(e.payload),
    ...(e.deliverAt ? { deliverAt: e.deliverAt } : {}),
    ...(traceparent ? { traceparent } : {}),
  }));
  await tx.insert(tables.outboxTable).values(rows);
}

/** Checks a job's data against the catalogue; what does not match can never succeed. */
export function parseEnvelope(data: unknown): EventEnvelope {
  const candidate = data as Partial<EventEnvelope> | null;
  const name = candidate?.name;
  if (!candidate || typeof candidate.id !== 'string' || typeof name !== 'string' || !(name in eventSchemas)) {
    throw new UnrecoverableError('malformed event envelope');
  }
  const payload = eventSchemas[name as EventName].safeParse(candidate.payload);
  if (!payload.success) throw new UnrecoverableError(`malformed ${name} payload: ${payload.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return { ...(candidate as EventEnvelope), payload: payload.data as never };
}
