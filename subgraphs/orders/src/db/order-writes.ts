import { Statements, type Database } from '@bookstore/subgraph-runtime';
import { eq, sql } from 'drizzle-orm';
import type { Address, NewOrder } from '../domain/order-input.js';
import type { OrderStatus } from '../domain/order-status.js';
import type { OrderPricing } from '../domain/pricing.js';
import type { OrderRow } from './orders.js';
import { orderItemsTable, ordersTable, orderStatusChangesTable } from './schema.js';

export interface Idempotency {
  key: string;
  fingerprint: string;
}

/** The saga's statements, built once (db-statements.ts): the placement, the lock and the status change. */
const statements = new Statements();

/** The order columns that hold its shipping address (or placeholders for it). */
function addressColumns<A extends Record<keyof Address, unknown>>(
  address: A,
): { addressLine1: A['line1']; addressLine2: A['line2']; addressCity: A['city']; addressPostalCode: A['postalCode']; addressCountry: A['country'] } {
  return {
    addressLine1: address.line1,
    addressLine2: address.line2,
    addressCity: address.city,
    addressPostalCode: address.postalCode,
    addressCountry: address.country,
  };
}

/**
 * Inserts a PENDING order with its lines and the first history entry; call inside a transaction.
 * `alongside` runs with the new order once its row is in (the caller's events): the lines, the
 * history entry and what it writes need only the new row, so they go to PostgreSQL together, one
 * round trip (the server runs them in the order sent).
 */
export async function insertOrder(
  tx: Database,
  customerId: string,
  order: NewOrder,
  idempotency: Idempotency | null,
  alongside: (created: OrderRow) => Promise<void> = async () => {},
): Promise<OrderRow> {
  const [row] = await statements.run(
    tx,
    'order',
    (db) =>
      db
        .insert(ordersTable)
        .values({
          customerId: sql.placeholder('customerId'),
          ...addressColumns({ line1: sql.placeholder('line1'), line2: sql.placeholder('line2'), city: sql.placeholder('city'), postalCode: sql.placeholder('postalCode'), country: sql.placeholder('country') }),
          idempotencyKey: sql.placeholder('idempotencyKey'),
          requestFingerprint: sql.placeholder('requestFingerprint'),
        })
        .returning(),
    { customerId, ...order.shippingAddress, idempotencyKey: idempotency?.key ?? null, requestFingerprint: idempotency?.fingerprint ?? null },
  );
  const created = row!;
  const lines: Record<string, unknown> = { orderId: created.id };
  order.items.forEach((line, position) => Object.assign(lines, { [`bookId${position}`]: line.bookId, [`quantity${position}`]: line.quantity }));
  await Promise.all([
    statements.write(
      tx,
      `order lines ${order.items.length}`,
      (db) =>
        db.insert(orderItemsTable).values(order.items.map((_, position) => ({ orderId: sql.placeholder('orderId'), bookId: sql.placeholder(`bookId${position}`), quantity: sql.placeholder(`quantity${position}`), position }))),
      lines,
    ),
    addHistory(tx, { orderId: created.id, status: created.status, reason: null, at: created.createdAt }),
    alongside(created),
  ]);
  return created;
}

/** Appends a status change to an order's history. */
function addHistory(tx: Database, change: { orderId: string; status: OrderStatus; reason: string | null; at: Date }): Promise<void> {
  return statements.write(
    tx,
    'history',
    (db) => db.insert(orderStatusChangesTable).values({ orderId: sql.placeholder('orderId'), status: sql.placeholder('status'), reason: sql.placeholder('reason'), at: sql.placeholder('at') }),
    change,
  );
}

/**
 * Reads an order and locks its row until the transaction ends, so concurrent events and
 * mutations on one order take turns and each sees the status the previous one left.
 */
export async function lockOrder(tx: Database, id: string): Promise<OrderRow | null> {
  const [row] = await statements.run(tx, 'lock', (db) => db.select().from(ordersTable).where(eq(ordersTable.id, sql.placeholder('id'))).for('update'), { id });
  return row ?? null;
}

export interface StatusChangeWrite {
  to: OrderStatus;
  reason: string | null;
  /** The catalog's prices, when the change is the reservation. */
  pricing: OrderPricing | null;
}

/**
 * Sets a locked order's status (with its prices, when given) and appends the change to its
 * history. `alongside` runs with the changed row (the caller's events): the history entry and
 * what it writes go to PostgreSQL together, as do the status and the prices, so a change costs
 * two round trips, not four.
 */
export async function saveStatusChange(
  tx: Database,
  orderId: string,
  { to, reason, pricing }: StatusChangeWrite,
  alongside: (changed: OrderRow) => Promise<void> = async () => {},
): Promise<OrderRow> {
  const rejected = to === 'REJECTED';
  const [[row]] = await Promise.all([
    statements.run(
      tx,
      `status ${pricing ? 'priced' : 'unpriced'} ${rejected ? 'rejected' : ''}`,
      (db) =>
        db
          .update(ordersTable)
          .set({
            // drizzle types an update's values without placeholders; as SQL, PostgreSQL types them by their column.
            status: sql`${sql.placeholder('to')}`,
            // clock_timestamp(), not now(): now() is when the transaction began, possibly before it
            // waited for the row lock, which would date this change before the one it follows.
            updatedAt: sql`clock_timestamp()`,
            ...(pricing ? { totalCents: sql`${sql.placeholder('totalCents')}`, currency: sql`${sql.placeholder('currency')}` } : {}),
            ...(rejected ? { rejectionReason: sql`${sql.placeholder('reason')}` } : {}),
          })
          .where(eq(ordersTable.id, sql.placeholder('orderId')))
          .returning(),
      { to, orderId, ...(pricing ? { totalCents: pricing.totalCents, currency: pricing.currency } : {}), ...(rejected ? { reason } : {}) },
    ),
    pricing ? setUnitPrices(tx, orderId, pricing) : undefined,
  ]);
  const changed = row!;
  await Promise.all([addHistory(tx, { orderId, status: to, reason, at: changed.updatedAt }), alongside(changed)]);
  return changed;
}

/**
 * Replaces a locked order's shipping address. `updatedAt` moves with it: the order changed, though
 * its status and history (of status changes) did not.
 */
export async function saveShippingAddress(tx: Database, orderId: string, address: Address): Promise<OrderRow> {
  const [row] = await tx
    .update(ordersTable)
    .set({ ...addressColumns(address), updatedAt: sql`clock_timestamp()` })
    .where(eq(ordersTable.id, orderId))
    .returning();
  // Called only under lockOrder's row lock, and orders are never deleted, so the row is there.
  return row!;
}

/** Every line's price in one statement; `priceOrder` has checked that each line has one. */
async function setUnitPrices(tx: Database, orderId: string, pricing: OrderPricing): Promise<void> {
  const values: Record<string, unknown> = { orderId, currency: pricing.currency };
  pricing.unitPrices.forEach((line, i) => Object.assign(values, { [`bookId${i}`]: line.bookId, [`price${i}`]: line.unitPriceCents }));
  await statements.run(
    tx,
    `unit prices ${pricing.unitPrices.length}`,
    (db) => {
      const priceOfLine = sql.join(
        pricing.unitPrices.map((_, i) => sql`when ${sql.placeholder(`bookId${i}`)}::uuid then ${sql.placeholder(`price${i}`)}::bigint`),
        sql` `,
      );
      return db
        .update(orderItemsTable)
        .set({ unitPriceCents: sql`case ${orderItemsTable.bookId} ${priceOfLine} end`, currency: sql`${sql.placeholder('currency')}` })
        .where(eq(orderItemsTable.orderId, sql.placeholder('orderId')));
    },
    values,
  );
}
