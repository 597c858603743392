import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pgSchema, uuid } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, queryRows, sql, type Database } from '../src/db.js';
import { event, type EventEnvelope } from '@bookstore/events';
import { openMessaging, type Messaging } from '../src/events/messaging.js';
import { inTransactionOnly, SubgraphEvents, writeEvents, type EventHandlers } from '../src/events/subgraph-events.js';
import { eventTables } from '../src/events/tables.js';
import { createLogger } from '@bookstore/server-core';
import { testConfig } from '@bookstore/testing-base';
import { openTestTarget, type TargetKind } from '../src/testing/index.js';
import { useHarness } from '@bookstore/testing-base';

// The outbox -> relay -> queue/pub-sub -> inbox path, on both stacks: PostgreSQL + Redis
// (services mode) and PGlite + in-process messaging (embedded mode).
const schema = pgSchema('events_fixture');
const tables = eventTables(schema);
const effects = schema.table('effects', { eventId: uuid('event_id').notNull(), orderId: uuid('order_id').notNull() });
const migrationsFolder = fileURLToPath(new URL('./fixtures/events-migrations', import.meta.url));
const logger = createLogger('events-test', 'silent');

const stacks: Record<TargetKind, () => Promise<Messaging>> = {
  postgres: () => openMessaging({ redisUrl: testConfig.redisUrl, prefix: `test-events-${randomUUID()}`, logger }),
  pglite: () => openMessaging({ logger }),
};

/** A database of the fixture schema, messaging of the stack, and the orders events on them, relaying and consuming. */
interface EventsStack {
  db: Database;
  messaging: Messaging;
  events: SubgraphEvents;
  stop(): Promise<void>;
}

async function openEventsStack(
  kind: TargetKind,
  label: string,
  options: { pollIntervalMs: number; handoffGraceMs?: number; handlers: EventHandlers; onStatusChanged(event: EventEnvelope<'order.status_changed'>): void },
): Promise<EventsStack> {
  const target = await openTestTarget(kind, label);
  const database = await openDatabase({ schema: 'events_fixture', target: target.target, migrationsFolder });
  const messaging = await stacks[kind]();
  await messaging.pubsub.subscribe('order.status_changed', (m) => options.onStatusChanged(m as EventEnvelope<'order.status_changed'>));
  const { pollIntervalMs, handoffGraceMs } = options;
  const events = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: messaging.queue, pubsub: messaging.pubsub, logger, pollIntervalMs, ...(handoffGraceMs ? { handoffGraceMs } : {}) });
  events.start({ consumer: 'orders', handlers: options.handlers });
  return {
    db: database.db,
    messaging,
    events,
    async stop() {
      await events.stop();
      await messaging.close();
      await database.close();
      await target.dispose();
    },
  };
}

describe.each(Object.keys(stacks) as TargetKind[])('subgraph events on %s', (kind) => {
  const channel: EventEnvelope[] = [];
  const stack = useHarness(() =>
    openEventsStack(kind, 'events', {
      pollIntervalMs: 50,
      handoffGraceMs: 500,
      handlers: {
        'stock.reserved': async (tx, payload, envelope) => {
          await tx.insert(effects).values({ eventId: envelope.id, orderId: payload.orderId });
        },
      },
      onStatusChanged: (event) => channel.push(event),
    }),
  );

  const reserved = (orderId: string) =>
    event('stock.reserved', { orderId, items: [{ bookId: randomUUID(), quantity: 1, unitPriceCents: 999, currency: 'USD' }] });
  const effectCount = async (orderId: string) =>
    (await queryRows<{ n: number }>(stack.db, sql`select count(*)::int as n from events_fixture.effects where order_id = ${orderId}`))[0]?.n;

  it('publishes what a committed transaction wrote, to its queue and channel, and handles it once', async () => {
    const orderId = randomUUID();
    await stack.events.transaction((_tx, emit) =>
      emit(reserved(orderId), event('order.status_changed', { orderId, customerId: randomUUID(), status: 'PAID', previousStatus: 'AWAITING_PAYMENT', reason: null, at: new Date().toISOString() })),
    );
    await expect.poll(() => effectCount(orderId)).toBe(1);
    await expect.poll(() => channel.some((e) => e.name === 'order.status_changed' && (e.payload as { orderId: string }).orderId === orderId)).toBe(true);
    // The writer marks its rows published after handing them on (one coalesced UPDATE), so the
    // mark can land just after a consumer or subscriber has them.
    const published = async () => (await queryRows<{ published: number }>(stack.db, sql`select count(*)::int as published from events_fixture.outbox where published_at is not null and payload->>'orderId' = ${orderId}`))[0]?.published;
    await expect.poll(published).toBe(2);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const orderId = randomUUID();
    await stack.events
      .transaction(async (_tx, emit) => {
        await emit(reserved(orderId));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const sentinel = randomUUID();
    await stack.events.transaction((_tx, emit) => emit(reserved(sentinel)));
    await expect.poll(() => effectCount(sentinel)).toBe(1);
    expect(await effectCount(orderId)).toBe(0);
  });

  it('gives a redelivered event no second effect (inbox)', async () => {
    const orderId = randomUUID();
    const envelope: EventEnvelope = { id: randomUUID(), source: 'catalog', occurredAt: new Date().toISOString(), ...reserved(orderId) } as EventEnvelope;
    // Two jobs for one event (as after a relay crash, once the first job was cleaned up).
    await stack.messaging.queue.add('orders', { id: `${envelope.id}-a`, name: envelope.name, data: envelope });
    await stack.messaging.queue.add('orders', { id: `${envelope.id}-b`, name: envelope.name, data: envelope });
    const sentinel = randomUUID();
    await stack.events.transaction((_tx, emit) => emit(reserved(sentinel)));
    await expect.poll(() => effectCount(sentinel)).toBe(1);
    await expect.poll(() => effectCount(orderId)).toBe(1);
  });

  it('holds a delayed event until it is due', async () => {
    const later = randomUUID();
    const now = randomUUID();
    await stack.events.transaction((_tx, emit) => emit(reserved(now), { ...reserved(later), deliverAt: new Date(Date.now() + 1_500) }));
    await expect.poll(() => effectCount(now)).toBe(1);
    expect(await effectCount(later)).toBe(0);
    await expect.poll(() => effectCount(later), { timeout: 5_000 }).toBe(1);
  });

  it('publishes, after the grace period, an event its writer committed but never published (it died)', async () => {
    const orderId = randomUUID();
    const { payload } = reserved(orderId);
    // The row exactly as SubgraphEvents.transaction writes it; its process never got to publish it.
    await stack.db.execute(sql`insert into events_fixture.outbox (id, name, payload) values (${randomUUID()}, 'stock.reserved', ${JSON.stringify(payload)}::jsonb)`);
    await expect.poll(() => effectCount(orderId), { timeout: 10_000 }).toBe(1);
  });

  it('publishes what a writer without SubgraphEvents wrote (the seed scripts) at the next relay pass', async () => {
    const orderId = randomUUID();
    await stack.db.transaction((tx) => writeEvents(tx, tables, [reserved(orderId)]));
    await expect.poll(() => effectCount(orderId), { timeout: 10_000 }).toBe(1);
  });

  it('refuses to write a payload that does not match the catalogue', async () => {
    await expect(
      stack.events.transaction((_tx, emit) => emit({ name: 'stock.reserved', payload: { orderId: 'not-a-uuid', items: [] } as never })),
    ).rejects.toThrow();
  });
});

// A relay that polls once an hour: what goes out within the test, the process that committed it published.
describe.each(Object.keys(stacks) as TargetKind[])('publishing at commit on %s', (kind) => {
  const changes: string[] = [];
  const statusChanged = (orderId: string) =>
    event('order.status_changed', { orderId, customerId: randomUUID(), status: 'AWAITING_PAYMENT', previousStatus: 'PENDING', reason: null, at: new Date().toISOString() });
  const stack = useHarness(() =>
    openEventsStack(kind, 'events-wake', {
      pollIntervalMs: 3_600_000,
      // As the saga's handlers do: the effect of one event is another event.
      handlers: { 'stock.reserved': (_tx, payload, _envelope, emit) => emit(statusChanged(payload.orderId)) },
      onStatusChanged: (event) => changes.push(event.payload.orderId),
    }),
  );
  // vi.waitFor rather than expect.poll: it also works in a hook.
  const published = (orderId: string) => vi.waitFor(() => expect(changes).toContain(orderId), { timeout: 10_000, interval: 20 });

  // The relay makes one pass when it starts; once an event has gone out after that, it is asleep for the hour.
  beforeAll(async () => {
    const orderId = randomUUID();
    await stack.events.transaction((_tx, emit) => emit(statusChanged(orderId)));
    await published(orderId);
  });

  it('publishes what a transaction emitted once it commits, without waiting for a poll', async () => {
    const orderId = randomUUID();
    const answer = await stack.events.transaction(async (_tx, emit) => {
      await emit(statusChanged(orderId));
      return 'committed';
    });
    expect(answer).toBe('committed');
    await published(orderId);
  });

  it("publishes what a handler emitted once its job commits, without waiting for a poll", async () => {
    const orderId = randomUUID();
    const envelope = { id: randomUUID(), source: 'catalog', occurredAt: new Date().toISOString(), ...event('stock.reserved', { orderId, items: [{ bookId: randomUUID(), quantity: 1, unitPriceCents: 1, currency: 'USD' }] }) };
    await stack.messaging.queue.add('orders', { id: envelope.id, name: envelope.name, data: envelope });
    await published(orderId);
  });
});

// A handler marked inTransactionOnly runs alongside its inbox insert: the inbox still decides,
// rolling back a redelivery's statements and events, and its failure too.
describe.each(Object.keys(stacks) as TargetKind[])('handlers in the transaction only on %s', (kind) => {
  const changes: string[] = [];
  const stack = useHarness(() =>
    openEventsStack(kind, 'events-speculative', {
      pollIntervalMs: 50,
      handoffGraceMs: 500,
      handlers: {
        'stock.reserved': inTransactionOnly(async (tx, payload, envelope, emit) => {
          // A first delivery's effect; a second one fails, as a handler does when the first moved its state on.
          const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from events_fixture.effects where event_id = ${envelope.id}`);
          if (n > 0) throw new Error('this event had its effect already');
          await Promise.all([
            tx.insert(effects).values({ eventId: envelope.id, orderId: payload.orderId }),
            emit(event('order.status_changed', { orderId: payload.orderId, customerId: randomUUID(), status: 'AWAITING_PAYMENT', previousStatus: 'PENDING', reason: null, at: new Date().toISOString() })),
          ]);
        }),
      },
      onStatusChanged: (event) => changes.push(event.payload.orderId),
    }),
  );
  const reserved = (orderId: string) => event('stock.reserved', { orderId, items: [{ bookId: randomUUID(), quantity: 1, unitPriceCents: 999, currency: 'USD' }] });
  const effectCount = async (orderId: string) =>
    (await queryRows<{ n: number }>(stack.db, sql`select count(*)::int as n from events_fixture.effects where order_id = ${orderId}`))[0]?.n;

  it('handles an event once, and gives its redelivery no second effect, no second event and no failure', async () => {
    const orderId = randomUUID();
    const envelope: EventEnvelope = { id: randomUUID(), source: 'catalog', occurredAt: new Date().toISOString(), ...reserved(orderId) } as EventEnvelope;
    await stack.messaging.queue.add('orders', { id: `${envelope.id}-a`, name: envelope.name, data: envelope });
    await expect.poll(() => effectCount(orderId)).toBe(1);
    const handled = { ...stack.events.stats };
    await stack.messaging.queue.add('orders', { id: `${envelope.id}-b`, name: envelope.name, data: envelope });
    await expect.poll(() => stack.events.stats.redelivered).toBe(handled.redelivered + 1);
    // A later event's effect and notification are in, so the redelivery's would be too.
    const sentinel = randomUUID();
    await stack.events.transaction((_tx, emit) => emit(reserved(sentinel)));
    await expect.poll(() => changes.includes(sentinel)).toBe(true);
    expect(await effectCount(orderId)).toBe(1);
    expect(changes.filter((id) => id === orderId)).toHaveLength(1);
    expect(stack.events.stats.failed).toBe(handled.failed);
  });
});

describe('embedded restart', () => {
  it('queues recently relayed events again at start, so jobs lost with the process still run once', async () => {
    const target = await openTestTarget('pglite', 'events');
    const database = await openDatabase({ schema: 'events_fixture', target: target.target, migrationsFolder });
    const count = async (orderId: string) =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from events_fixture.effects where order_id = ${orderId}`))[0]?.n;
    const handlers = {
      'stock.reserved': async (tx: typeof database.db, payload: { orderId: string }, envelope: EventEnvelope) => {
        await tx.insert(effects).values({ eventId: envelope.id, orderId: payload.orderId });
      },
    };
    const handled = randomUUID();
    const lost = randomUUID();
    const item = { bookId: randomUUID(), quantity: 1, unitPriceCents: 1, currency: 'USD' };

    // First life: one event is handled; the next is relayed but its job dies with the process.
    const first = await openMessaging({ logger });
    const before = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: first.queue, pubsub: first.pubsub, logger, pollIntervalMs: 50 });
    before.start({ consumer: 'orders', handlers });
    await before.transaction((_tx, emit) => emit(event('stock.reserved', { orderId: handled, items: [item] })));
    await expect.poll(() => count(handled)).toBe(1);
    await before.stop();
    const relayOnly = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: first.queue, pubsub: first.pubsub, logger, pollIntervalMs: 50 });
    relayOnly.start();
    await relayOnly.transaction((_tx, emit) => emit(event('stock.reserved', { orderId: lost, items: [item] })));
    await expect.poll(async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from events_fixture.outbox where published_at is null`))[0]?.n).toBe(0);
    await relayOnly.stop();
    await first.close();
    expect(first.lostNoJobs()).toBe(false);

    // Second life: the replay re-queues both; the inbox drops the one already handled.
    const second = await openMessaging({ logger });
    const after = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: second.queue, pubsub: second.pubsub, logger, pollIntervalMs: 50, replayOnStartMs: 60_000 });
    after.start({ consumer: 'orders', handlers });
    await expect.poll(() => count(lost)).toBe(1);
    expect(await count(handled)).toBe(1);
    await after.stop();
    await second.close();
    await database.close();
    await target.dispose();
  });

  it('replays nothing relayed before a stop that lost no job', async () => {
    const target = await openTestTarget('pglite', 'events');
    let relayPasses = 0;
    const onQuery = (query: string) => void (query.includes('pg_try_advisory_xact_lock') && relayPasses++);
    const database = await openDatabase({ schema: 'events_fixture', target: target.target, migrationsFolder, onQuery });
    const orderId = randomUUID();
    const handlers = { 'stock.reserved': async () => {} };
    const item = { bookId: randomUUID(), quantity: 1, unitPriceCents: 1, currency: 'USD' };

    const first = await openMessaging({ logger });
    const before = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: first.queue, pubsub: first.pubsub, logger, pollIntervalMs: 50 });
    before.start({ consumer: 'orders', handlers });
    await before.transaction((_tx, emit) => emit(event('stock.reserved', { orderId, items: [item] })));
    await expect.poll(() => before.stats.handled).toBe(1);
    await before.stop();
    await first.close();
    expect(first.lostNoJobs()).toBe(true);
    const stoppedAt = new Date();

    const second = await openMessaging({ logger });
    const added = vi.spyOn(second.queue, 'addBulk');
    const after = new SubgraphEvents({ db: database.db, tables, source: 'orders', queue: second.queue, pubsub: second.pubsub, logger, pollIntervalMs: 50, replayOnStartMs: 60_000, replayAfter: stoppedAt });
    const passesBefore = relayPasses;
    after.start({ consumer: 'orders', handlers });
    // The replay runs before the relay's first pass.
    await expect.poll(() => relayPasses).toBeGreaterThan(passesBefore);
    expect(added).not.toHaveBeenCalled();
    await after.stop();
    await second.close();
    await database.close();
    await target.dispose();
  });
});
