import { sql } from 'drizzle-orm';
import { index, integer, jsonb, primaryKey, text, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { instant } from '../db.js';

/**
 * The outbox and inbox every event-driven subgraph keeps in its own schema. Export the result
 * from the subgraph's `db/schema.ts` so drizzle-kit migrates them with its other tables.
 */
export function eventTables(schema: PgSchema) {
  const outboxTable = schema.table(
    'outbox',
    {
      id: uuid('id').primaryKey(),
      name: text('name').notNull(),
      payload: jsonb('payload').notNull(),
      occurredAt: instant('occurred_at').notNull().defaultNow(),
      /** Not published before this time: delayed events wait here, so they survive restarts. */
      deliverAt: instant('deliver_at').notNull().defaultNow(),
      publishedAt: instant('published_at'),
      attempts: integer('attempts').notNull().default(0),
      /** W3C traceparent of the request or job that wrote the event, so its consumers join that trace. */
      traceparent: text('traceparent'),
    },
    (t) => [index(`${schema.schemaName}_outbox_pending_idx`).on(t.deliverAt, t.occurredAt).where(sql`published_at is null`)],
  );
  const inboxTable = schema.table(
    'inbox',
    {
      eventId: uuid('event_id').notNull(),
      consumer: text('consumer').notNull(),
      handledAt: instant('handled_at').notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.eventId, t.consumer] })],
  );
  return { outboxTable, inboxTable };
}

export type EventTables = ReturnType<typeof eventTables>;
export type OutboxTable = EventTables['outboxTable'];
export type InboxTable = EventTables['inboxTable'];
