import { cents, eventTables, instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgSchema, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ORDER_STATUSES } from '../domain/order-status.js';

export const ordersSchema = pgSchema('orders');

export const orderStatusEnum = ordersSchema.enum('order_status', ORDER_STATUSES);



/** Constraint the placement maps to "same key, same request: the same order again". */
export const ORDER_IDEMPOTENCY_UNIQUE = 'orders_customer_idempotency_key';

export const ordersTable = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A user of the users subgraph; never joined, only compared. */
    customerId: uuid('customer_id').notNull(),
    status: orderStatusEnum('status').notNull().default('PENDING'),
    /** Null until the catalog reserves the stock at its prices. */
    totalCents: cents('total_cents'),
    currency: text('currency'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    addressCity: text('address_city').notNull(),
    addressPostalCode: text('address_postal_code').notNull(),
    addressCountry: text('address_country').notNull(),
    rejectionReason: text('rejection_reason'),
    /** The client's key for safe retries of placeOrder, with a fingerprint of what it asked for. */
    idempotencyKey: text('idempotency_key'),
    requestFingerprint: text('request_fingerprint'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('orders_total_non_negative', sql`${t.totalCents} >= 0`),
    check('orders_total_has_currency', sql`(${t.totalCents} is null) = (${t.currency} is null)`),
    check('orders_key_has_fingerprint', sql`(${t.idempotencyKey} is null) = (${t.requestFingerprint} is null)`),
    uniqueIndex(ORDER_IDEMPOTENCY_UNIQUE).on(t.customerId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    // Newest first: a customer's orders, all orders, and all orders of one status.
    index('orders_customer_created_at_id_idx').on(t.customerId, t.createdAt, t.id),
    index('orders_created_at_id_idx').on(t.createdAt, t.id),
    index('orders_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
  ],
);

export const orderItemsTable = ordersSchema.table(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => ordersTable.id, { onDelete: 'cascade' }),
    /** A book of the catalog subgraph; never joined, only referenced. */
    bookId: uuid('book_id').notNull(),
    /** The line's place in the order as the customer listed it, from 0. */
    position: integer('position').notNull(),
    quantity: integer('quantity').notNull(),
    /** The catalog's price when it reserved the stock; null until then. */
    unitPriceCents: cents('unit_price_cents'),
    currency: text('currency'),
  },
  (t) => [
    // One line per book: placeOrder refuses the same book twice.
    primaryKey({ columns: [t.orderId, t.bookId] }),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('order_items_price_non_negative', sql`${t.unitPriceCents} >= 0`),
  ],
);

export const orderStatusChangesTable = ordersSchema.table(
  'order_status_changes',
  {
    /** Increasing in commit order of each order's changes (they are made under a row lock), so history sorts by it. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => ordersTable.id, { onDelete: 'cascade' }),
    status: orderStatusEnum('status').notNull(),
    reason: text('reason'),
    at: instant('at').notNull(),
  },
  (t) => [index('order_status_changes_order_id_id_idx').on(t.orderId, t.id)],
);

/**
 * The catalog's books as orders knows them, from `book.changed` (it never reads the catalog's
 * tables): placeOrder refuses an id the catalog never announced, or deleted, naming the line.
 */
export const booksTable = ordersSchema.table('books', {
  id: uuid('id').primaryKey(),
  /** Sticky: the catalog never restores a deleted book, so a late older event cannot revive one. */
  deleted: boolean('deleted').notNull().default(false),
});

/** The outbox and inbox of the order saga (kit events), migrated with the tables above. */
export const { outboxTable, inboxTable } = eventTables(ordersSchema);
