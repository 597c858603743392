import type { Database } from '@bookstore/subgraph-runtime';
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

/** The order columns that hold its shipping address. */
function addressColumns(address: Address) {
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
  const [row] = await tx
    .insert(ordersTable)
    .values({
      customerId,
      ...addressColumns(order.shippingAddress),
      idempotencyKey: idempotency?.key ?? null,
      requestFingerprint: idempotency?.fingerprint ?? null,
    })
    .returning();
  const created = row!;
  await Promise.all([
    tx.insert(orderItemsTable).values(order.items.map((line, position) => ({ orderId: created.id, bookId: line.bookId, quantity: line.quantity, position }))),
    tx.insert(orderStatusChangesTable).values({ orderId: created.id, status: created.status, reason: null, at: created.createdAt }),
    alongside(created),
  ]);
  return created;
}

/**
 * Reads an order and locks its row until the transaction ends, so concurrent events and
 * mutations on one order take turns and each sees the status the previous one left.
 */
export async function lockOrder(tx: Database, id: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(ordersTable).where(eq(ordersTable.id, id)).for('update');
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
  const [[row]] = await Promise.all([
    tx
      .update(ordersTable)
      .set({
        status: to,
        // clock_timestamp(), not now(): now() is when the transaction began, possibly before it
        // waited for the row lock, which would date this change before the one it follows.
        updatedAt: sql`clock_timestamp()`,
        ...(pricing ? { totalCents: pricing.totalCents, currency: pricing.currency } : {}),
        ...(to === 'REJECTED' ? { rejectionReason: reason } : {}),
      })
      .where(eq(ordersTable.id, orderId))
      .returning(),
    pricing ? setUnitPrices(tx, orderId, pricing) : undefined,
  ]);
  const changed = row!;
  await Promise.all([tx.insert(orderStatusChangesTable).values({ orderId, status: to, reason, at: changed.updatedAt }), alongside(changed)]);
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
  const priceOfLine = sql.join(
    pricing.unitPrices.map((line) => sql`when ${line.bookId}::uuid then ${line.unitPriceCents}::bigint`),
    sql` `,
  );
  await tx
    .update(orderItemsTable)
    .set({ unitPriceCents: sql`case ${orderItemsTable.bookId} ${priceOfLine} end`, currency: pricing.currency })
    .where(eq(orderItemsTable.orderId, orderId));
}
