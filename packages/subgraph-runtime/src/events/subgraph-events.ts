import { randomUUID } from 'node:crypto';
import { and, asc, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db.js';
import { Statements } from '../db-statements.js';
import { checkedAtCommit } from '../db-transactions.js';
import { stripValues, type Logger } from '@bookstore/server-core';
import { eventRoutes, eventSchemas, type Consumer, type EventEnvelope, type EventName, type EventPayload, type NewEvent } from '@bookstore/events';
import { UnrecoverableError, type Job, type JobQueue, type ProcessOptions, type QueueDepth, type QueueWorker } from './job-queue.js';
import type { PubSub } from './pubsub.js';
import { currentTraceparent, inSpan, inTraceOf, SpanKind, tracingActive } from '@bookstore/server-core';
import type { EventTables, OutboxTable } from './tables.js';

/**
 * Writes events to the outbox within the transaction it was handed for, so they commit exactly
 * when the change they report does; once that transaction has committed, this process publishes
 * them. Call it on that transaction, never inside a savepoint that may roll back: what it wrote
 * there would be gone, yet still published.
 */
export type Emit = (...events: NewEvent[]) => Promise<void>;

/** Handles one event inside the transaction that also records it in the inbox; what it emits is published once that commits. */
export type EventHandler<N extends EventName> = (tx: Database, payload: EventPayload<N>, event: EventEnvelope<N>, emit: Emit) => Promise<void>;

/** A consumer's handlers, by the events it takes. */
export type EventHandlers = {
  [N in EventName]?: EventHandler<N>;
};

type AnyHandler = (tx: Database, payload: unknown, event: EventEnvelope, emit: Emit) => Promise<void>;

/** Handlers marked by `inTransactionOnly`. */
const transactionOnly = new WeakSet<AnyHandler>();

/**
 * Marks a handler whose every effect is a statement of the transaction it is handed (or an event
 * it emits there, which commits with it): no call out, no file, no message of its own. Such a
 * handler's first statements go to PostgreSQL with BEGIN and its inbox insert, one round trip
 * less per event, instead of waiting for the inbox to say the event is new; a redelivery's work
 * is then rolled back with its transaction, so it still has no second effect. A handler that acts
 * outside the database must not be marked: it would act before its event is known to be new.
 */
export function inTransactionOnly<N extends EventName>(handler: EventHandler<N>): EventHandler<N> {
  transactionOnly.add(handler as unknown as AnyHandler);
  return handler;
}

/** Thrown inside a consumer's transaction to roll back what a handler did for an event handled before. */
class Redelivered extends Error {}

export interface SubgraphEventsOptions {
  db: Database;
  tables: EventTables;
  /** The subgraph writing the events (envelope `source`, relay lock name). */
  source: string;
  queue: JobQueue;
  pubsub: PubSub;
  logger: Logger;
  /** How often the relay looks for delayed events now due and for events left unpublished, default 250 ms. */
  pollIntervalMs?: number;
  /**
   * How long the relay leaves an event that was due when it was written to the process that
   * wrote it, which publishes it right after its commit; default 10 000 ms. Past that, the writer
   * died or could not reach the queue, and the relay publishes it. Shorter risks publishing an
   * event twice while its writer is still at it (consumers' inboxes drop the second job, but
   * channel subscribers would see it twice).
   */
  handoffGraceMs?: number;
  /**
   * How long this process gathers the ids of events it published before marking them published in
   * one UPDATE, default 100 ms. Marking is not on the saga's path, and a mark delayed changes
   * nothing but when the row says so: the relay leaves these events to this process for
   * `handoffGraceMs`, far longer.
   */
  markDelayMs?: number;
  /** Events published per relay transaction, default 100. */
  batchSize?: number;
  /** Published outbox rows and inbox rows are deleted after this long, default 7 days. */
  retentionMs?: number;
  /**
   * With an in-memory queue (embedded mode), events relayed this recently are queued again at
   * start, since jobs waiting at a crash were lost; inboxes drop those already handled. Default 0.
   */
  replayOnStartMs?: number;
  /**
   * Events relayed before this time are not replayed: the process before this one stopped with
   * every job handled (Messaging.lostNoJobs). Default: none, the whole `replayOnStartMs` window.
   */
  replayAfter?: Date;
}

interface Consuming {
  consumer: Consumer;
  handlers: EventHandlers;
  options?: ProcessOptions;
}

const HOUR = 3_600_000;

/**
 * A subgraph's side of the event flow (DESIGN.md, Events): it writes events to its outbox in
 * the transaction of the change they report, publishes them to job queues and pub/sub once it
 * has committed (a relay publishes delayed events when due, and any a crash left behind), and
 * consumes its own queue with an inbox so a redelivered event has no second effect.
 */
export class SubgraphEvents {
  private readonly pollIntervalMs: number;
  private readonly handoffGraceMs: number;
  private readonly markDelayMs: number;
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private running = false;
  private wake: (() => void) | undefined;
  /** Publications of committed events under way, awaited by stop(). */
  private readonly handoffs = new Set<Promise<void>>();
  /** Ids of events published by this process, waiting to be marked in the outbox (one UPDATE for all). */
  private unmarked: string[] = [];
  private marking: Promise<void> | undefined;
  /** Ends the gathering of marks early (stop() does, so a stop is not held up by it). */
  private markNow: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private worker: QueueWorker | undefined;
  private lastCleanup = 0;
  private consumer: Consumer | undefined;
  /** The inbox and outbox inserts of every saga transaction, built once (db-statements.ts). */
  private readonly statements = new Statements();
  /** Events relayed and jobs handled since start, for metrics. */
  readonly stats = { relayed: 0, handled: 0, redelivered: 0, failed: 0 };

  constructor(private readonly options: SubgraphEventsOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.handoffGraceMs = options.handoffGraceMs ?? 10_000;
    this.markDelayMs = options.markDelayMs ?? 100;
    this.batchSize = options.batchSize ?? 100;
    this.retentionMs = options.retentionMs ?? 7 * 24 * HOUR;
  }

  /**
   * The one way a subgraph writes events: runs `work` in one transaction of its database, writes
   * what it emits to the outbox in that transaction, and publishes the events due now once it
   * has committed (without waiting for that: the caller's answer does not depend on it). Events
   * delayed past now (`deliverAt`) are the relay's: its poll finds them when they are due.
   */
  async transaction<T>(work: (tx: Database, emit: Emit) => Promise<T>): Promise<T> {
    const due: EventEnvelope[] = [];
    const result = await this.options.db.transaction((tx) => work(tx, this.emitter(tx, due)));
    this.handOff(due);
    return result;
  }

  /** Writes to the outbox within `tx`, collecting in `due` the events due now (not delayed). */
  private emitter(tx: Database, due: EventEnvelope[]): Emit {
    return async (...events) => {
      const written = insertEvents(tx, this.options.tables, events, 'handed-off', this.statements).then((rows) => {
        for (const row of rows) if (row.deliverAt.getTime() <= row.occurredAt.getTime()) due.push(toEnvelope(row, this.options.source));
      });
      // The outbox rows are a transaction's last write: checked at its COMMIT, which goes with them.
      await checkedAtCommit(tx, written);
    };
  }

  /**
   * Publishes events whose transaction has just committed, then marks them published. This is
   * the saga's fast path: a relay pass (a transaction, its lock, a read and an update: five round
   * trips) on every hop cost more than anything else an order waits for on a loaded machine.
   * What it guarantees is unchanged: the rows committed before anything was published, so a crash
   * or an unreachable queue leaves them unpublished, and the relay publishes them after
   * `handoffGraceMs` (at least once). Order: two changes of one order commit one after the other
   * (the second waited for the order's row lock), and this process publishes in the order its
   * commits returned; the relay's order (oldest transaction start first) was no stricter, and no
   * consumer relies on either: handlers lock their row and ignore events their state has moved past.
   */
  private handOff(events: EventEnvelope[]): void {
    if (events.length === 0) return;
    const handoff = this.publishAll(events)
      .then(() => this.markPublished(events.map((e) => e.id)))
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'publishing committed events failed; the relay will publish them'))
      .finally(() => this.handoffs.delete(handoff));
    this.handoffs.add(handoff);
  }

  /**
   * Marks events published, coalescing the marks of the hand-offs of `markDelayMs` into one
   * UPDATE (the catalog's hand-offs rarely overlap: one UPDATE per event, a round trip each).
   */
  private markPublished(ids: string[]): Promise<void> {
    this.unmarked.push(...ids);
    return (this.marking ??= (async () => {
      try {
        if (this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.markDelayMs);
            this.markNow = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.markNow = undefined;
        }
        while (this.unmarked.length > 0) {
          const batch = this.unmarked.splice(0);
          const { outboxTable } = this.options.tables;
          this.stats.relayed += batch.length;
          await this.options.db
            .update(outboxTable)
            .set({ publishedAt: sql`clock_timestamp()`, attempts: sql`${outboxTable.attempts} + 1` })
            .where(and(inArray(outboxTable.id, batch), isNull(outboxTable.publishedAt)));
        }
      } finally {
        this.marking = undefined;
      }
    })());
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

  /** Stops consuming (waiting for running handlers), publishing and relaying (after the batch in flight). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    this.markNow?.();
    await this.worker?.close();
    await Promise.all([...this.handoffs]);
    await this.loop;
  }

  private async relayLoop(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce();
        if (Date.now() - this.lastCleanup > HOUR) await this.cleanup();
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(this.pollIntervalMs * 8);
        continue;
      }
      // A full batch means more are waiting: go again at once.
      if (published < this.batchSize) await this.sleep(this.pollIntervalMs);
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
   * Publishes the events no process published at their commit: delayed events now due, and
   * those left behind by a writer that died or could not reach the queue (`handoffGraceMs`).
   * One replica relays at a time (a transaction-scoped advisory lock), oldest first; a crash
   * between publishing and marking leaves the rows unpublished, so they go out again (job ids
   * and inboxes dedupe).
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
        .where(
          and(
            isNull(outboxTable.publishedAt),
            lte(outboxTable.deliverAt, sql`now()`),
            // Delayed when written (the relay's), or left by its writer for longer than the grace.
            or(gt(outboxTable.deliverAt, outboxTable.occurredAt), lte(outboxTable.occurredAt, sql`now() - make_interval(secs => ${this.handoffGraceMs / 1000})`)),
          ),
        )
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
      const since = Math.max(Date.now() - windowMs, this.options.replayAfter?.getTime() ?? 0);
      const rows = await db
        .select()
        .from(outboxTable)
        .where(gt(outboxTable.publishedAt, new Date(since)))
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
    const handler = handlers[event.name] as AnyHandler | undefined;
    if (!handler) throw new UnrecoverableError(`${consumer} has no handler for ${event.name}`);
    const { db, tables } = this.options;
    const due: EventEnvelope[] = [];
    let fresh: boolean;
    // Set when the inbox says the event was handled before: whatever else failed in the
    // transaction (a write checked at COMMIT, say), its work is rolled back and the job is done.
    let redelivered = false;
    try {
      fresh = await db.transaction(async (tx) => {
        const inbox = this.statements.run(
          tx,
          'inbox',
          (db) => db.insert(tables.inboxTable).values({ eventId: sql.placeholder('eventId'), consumer: sql.placeholder('consumer') }).onConflictDoNothing().returning({ id: tables.inboxTable.eventId }),
          { eventId: event.id, consumer },
        );
        if (!transactionOnly.has(handler)) {
          if ((await inbox).length === 0) return false; // handled before: a redelivery has no second effect
          await handler(tx, event.payload, event, this.emitter(tx, due));
          return true;
        }
        // The handler's first statements follow the inbox insert without waiting for it (the server
        // runs them in the order sent). Whatever the handler did, the inbox decides: a redelivery
        // rolls it all back (even a failure, which a state the first delivery moved on may cause).
        inbox.catch(() => {}); // awaited below, whatever the handler does
        const handled = await handler(tx, event.payload, event, this.emitter(tx, due)).then(
          () => ({ ok: true as const }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if ((await inbox).length === 0) {
          redelivered = true;
          throw new Redelivered();
        }
        if (!handled.ok) throw handled.error;
        return true;
      });
    } catch (error) {
      if (redelivered) {
        fresh = false;
        due.length = 0; // emitted by the work rolled back
      } else {
        this.stats.failed++;
        stripValues(error); // the queue stores the reason: a failed statement's parameters must not go with it
        throw error;
      }
    }
    this.stats[fresh ? 'handled' : 'redelivered']++;
    this.handOff(due);
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
 * Writes events to a subgraph's outbox within `tx`, for a relay to publish once `tx` commits.
 * SubgraphEvents.transaction is the way to write events (it publishes them itself at once); this
 * is for writers with no SubgraphEvents of their own (the seed script).
 */
export async function writeEvents(tx: Database, tables: Pick<EventTables, 'outboxTable'>, events: NewEvent[]): Promise<void> {
  await insertEvents(tx, tables, events, 'relay', new Statements());
}

/**
 * Inserts events, returning their rows. Whose they are to publish is in the row, for the relay
 * to tell: a `handed-off` event due now has deliver_at = occurred_at (both the transaction's
 * start), so the relay leaves it to its writer for the grace period; a `relay` one is delivered
 * after its writing (clock_timestamp() is later than the transaction's start), so the relay
 * publishes it at its next pass, as it does delayed events.
 */
async function insertEvents(
  tx: Database,
  tables: Pick<EventTables, 'outboxTable'>,
  events: NewEvent[],
  publisher: 'handed-off' | 'relay',
  statements: Statements,
): Promise<OutboxTable['$inferSelect'][]> {
  if (events.length === 0) return [];
  const traceparent = currentTraceparent();
  const values: Record<string, unknown> = {};
  events.forEach((e, i) => {
    values[`id${i}`] = randomUUID();
    values[`name${i}`] = e.name;
    values[`payload${i}`] = eventSchemas[e.name].parse(e.payload);
    if (e.deliverAt) values[`deliverAt${i}`] = e.deliverAt;
  });
  if (traceparent) values['traceparent'] = traceparent;
  // One statement per shape: how many events, which are delayed, whether a trace goes with them.
  const shape = `outbox ${publisher} ${traceparent ? 'traced' : 'untraced'} ${events.map((e) => (e.deliverAt ? 'delayed' : 'due')).join(',')}`;
  return statements.run(
    tx,
    shape,
    (db) =>
      db
        .insert(tables.outboxTable)
        .values(
          events.map((e, i) => ({
            id: sql.placeholder(`id${i}`),
            name: sql.placeholder(`name${i}`),
            payload: sql.placeholder(`payload${i}`),
            ...(e.deliverAt ? { deliverAt: sql.placeholder(`deliverAt${i}`) } : publisher === 'relay' ? { deliverAt: sql`clock_timestamp()` } : {}),
            ...(traceparent ? { traceparent: sql.placeholder('traceparent') } : {}),
          })),
        )
        .returning(),
    values,
  );
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
