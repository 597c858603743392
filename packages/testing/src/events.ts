import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import type { Database } from '@bookstore/subgraph-runtime';
import type { Consumer, EventEnvelope, EventName, EventPayload } from '@bookstore/events';
import type { JobQueue } from '@bookstore/subgraph-runtime';
import { openMessaging, type Messaging } from '@bookstore/subgraph-runtime';
import type { InboxTable, OutboxTable } from '@bookstore/subgraph-runtime';
import type { Logger } from '@bookstore/server-core';
import { deleteRedisKeys, testConfig } from '@bookstore/testing-base';
import type { TargetKind } from '@bookstore/subgraph-runtime/testing';

/** How long a test waits for an event to be handled: generous, since CI shares two cores with whole stacks. */
export const EVENT_POLL = { timeout: 30_000, interval: 20 };

export interface TestMessaging {
  messaging: Messaging;
  /** The Redis key prefix of this harness (bullmq queues are named under it). */
  prefix: string;
  /** Closes the messaging and deletes this harness's Redis keys. */
  dispose(): Promise<void>;
}

/**
 * The messaging that goes with a test target: bullmq and Redis pub/sub on the machine's Redis
 * beside PostgreSQL, in-process beside PGlite. A prefix per harness keeps test files apart.
 */
export async function openTestMessaging(kind: TargetKind, label: string, logger: Logger): Promise<TestMessaging> {
  const prefix = `test-${label}-${randomUUID()}`;
  const redisUrl = kind === 'postgres' ? testConfig.redisUrl : undefined;
  const messaging = await openMessaging({ redisUrl, prefix, logger });
  return {
    messaging,
    prefix,
    async dispose() {
      await messaging.close();
      if (redisUrl) await deleteRedisKeys(redisUrl, prefix);
    },
  };
}

export interface DeliverOptions {
  eventId?: string;
  /** A second job for the same event (a redelivery) takes another job id. */
  jobId?: string;
  occurredAt?: Date;
  /** The subgraph the event claims to come from; default "tests". */
  source?: string;
}

/** Puts an event on a consumer's queue as the relay of another subgraph would. */
export async function deliverEvent<N extends EventName>(
  queue: JobQueue,
  consumer: Consumer,
  name: N,
  payload: EventPayload<N>,
  options: DeliverOptions = {},
): Promise<EventEnvelope<N>> {
  const envelope: EventEnvelope<N> = {
    id: options.eventId ?? randomUUID(),
    name,
    payload,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    source: options.source ?? 'tests',
  };
  await queue.add(consumer, { id: options.jobId ?? envelope.id, name, data: envelope });
  return envelope;
}

/** Waits until `consumer` has recorded the event in its inbox, i.e. handled it. */
export async function untilHandled(db: Database, inbox: InboxTable, consumer: Consumer, eventId: string): Promise<void> {
  // vi.waitFor rather than expect.poll: it also works inside concurrent tests.
  await vi.waitFor(async () => {
    expect(await db.select().from(inbox).where(and(eq(inbox.eventId, eventId), eq(inbox.consumer, consumer)))).toHaveLength(1);
  }, EVENT_POLL);
}

/** An event as a subgraph wrote it to its outbox. */
export interface OutboxEvent {
  /** Also the job id on every queue it is relayed to. */
  id: string;
  name: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  deliverAt: Date;
  publishedAt: Date | null;
}

/**
 * The events in `outbox` whose payload holds every entry of `about` (`{ orderId }`), and named
 * `name` when given: oldest first, events of one transaction in any order.
 */
export async function outboxEvents(db: Database, outbox: OutboxTable, about: Record<string, string>, name?: EventName): Promise<OutboxEvent[]> {
  const rows = await db
    .select({ id: outbox.id, name: outbox.name, payload: outbox.payload, occurredAt: outbox.occurredAt, deliverAt: outbox.deliverAt, publishedAt: outbox.publishedAt })
    .from(outbox)
    .where(and(name === undefined ? undefined : eq(outbox.name, name), ...Object.entries(about).map(([key, value]) => sql`${outbox.payload}->>${key} = ${value}`)))
    .orderBy(asc(outbox.occurredAt), asc(outbox.deliverAt));
  return rows as OutboxEvent[];
}
