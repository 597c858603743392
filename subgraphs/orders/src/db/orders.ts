import { countPerOwner, newestFirst, pagePerOwner, pastTimeIdCursor, Statements, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { OrderStatus } from '../domain/order-status.js';
import { orderItemsTable, ordersTable, orderStatusChangesTable } from './schema.js';

export type OrderRow = typeof ordersTable.$inferSelect;

export interface OrderItemRow {
  orderId: string;
  bookId: string;
  quantity: number;
  unitPriceCents: number | null;
  currency: string | null;
}

export interface StatusChangeRow {
  orderId: string;
  status: OrderStatus;
  reason: string | null;
  at: Date;
}

export type OrderPageQuery = PageQuery<TimeIdCursor>;

const itemColumns = {
  orderId: orderItemsTable.orderId,
  bookId: orderItemsTable.bookId,
  quantity: orderItemsTable.quantity,
  unitPriceCents: orderItemsTable.unitPriceCents,
  currency: orderItemsTable.currency,
};

/** Statements built once (db-statements.ts): the saga reads an order's lines in every status change. */
const statements = new Statements();

export async function ordersByIds(db: Database, ids: readonly string[]): Promise<OrderRow[]> {
  return db.select().from(ordersTable).where(inArray(ordersTable.id, [...ids]));
}

/** The lines of several orders, each order's in the order the customer listed them. */
export async function itemsOfOrders(db: Database, orderIds: readonly string[]): Promise<OrderItemRow[]> {
  const ids = Object.fromEntries(orderIds.map((id, i) => [`id${i}`, id]));
  return statements.run(
    db,
    `items of ${orderIds.length}`,
    (built) =>
      built
        .select(itemColumns)
        .from(orderItemsTable)
        .where(inArray(orderItemsTable.orderId, orderIds.map((_, i) => sql.placeholder(`id${i}`))))
        .orderBy(asc(orderItemsTable.orderId), asc(orderItemsTable.position)),
    ids,
  );
}

/** The status histories of several orders, each oldest first. */
export async function historyOfOrders(db: Database, orderIds: readonly string[]): Promise<StatusChangeRow[]> {
  return db
    .select({ orderId: orderStatusChangesTable.orderId, status: orderStatusChangesTable.status, reason: orderStatusChangesTable.reason, at: orderStatusChangesTable.at })
    .from(orderStatusChangesTable)
    .where(inArray(orderStatusChangesTable.orderId, [...orderIds]))
    .orderBy(asc(orderStatusChangesTable.id));
}

/** All orders (of one status, when given), newest first: `Query.orders`. */
export function allOrders(db: Database, status: OrderStatus | null) {
  return newestFirst<OrderRow>(db, {
    table: ordersTable,
    columns: getTableColumns(ordersTable),
    time: ordersTable.createdAt,
    id: ordersTable.id,
    where: status === null ? undefined : eq(ordersTable.status, status),
  });
}

/** One page of orders (newest first) for each of several customers, in a single statement. */
export async function ordersOfCustomers(db: Database, customerIds: readonly string[], { after, limit }: OrderPageQuery): Promise<OrderRow[]> {
  return pagePerOwner<OrderRow>(db, { owner: ordersTable.customerId, orderBy: sql`${ordersTable.createdAt} desc, ${ordersTable.id} desc`, limit }, (rowNumber) =>
    db
      .select({ ...getTableColumns(ordersTable), rowNumber })
      .from(ordersTable)
      .where(and(inArray(ordersTable.customerId, [...customerIds]), olderThan(after))),
  );
}

export function orderCountsOfCustomers(db: Database, customerIds: readonly string[]) {
  return countPerOwner(db, ordersTable, ordersTable.customerId, customerIds);
}

/** The order a customer placed earlier with this idempotency key, if any. */
export async function orderByIdempotencyKey(db: Database, customerId: string, key: string): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(ordersTable)
    .where(and(eq(ordersTable.customerId, customerId), eq(ordersTable.idempotencyKey, key)));
  return row ?? null;
}

// Newest first, so "after the cursor" means older.
const olderThan = (after: TimeIdCursor | null) => pastTimeIdCursor(ordersTable.createdAt, ordersTable.id, after, 'desc');
