import { countPerOwner, newestFirst, pagePerOwner, pastTimeIdCursor, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PaymentMethod, PaymentStatus } from '../domain/types.js';
import { paymentsTable } from './schema.js';

/** Every column a `Payment` is resolved from. */
export const paymentColumns = {
  id: paymentsTable.id,
  orderId: paymentsTable.orderId,
  customerId: paymentsTable.customerId,
  amountCents: paymentsTable.amountCents,
  currency: paymentsTable.currency,
  method: paymentsTable.method,
  status: paymentsTable.status,
  failureReason: paymentsTable.failureReason,
  cardLast4: paymentsTable.cardLast4,
  refundedCents: paymentsTable.refundedCents,
  createdAt: paymentsTable.createdAt,
};

export interface PaymentRow {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  failureReason: string | null;
  cardLast4: string | null;
  refundedCents: number;
  createdAt: Date;
}

export type NewPayment = Omit<PaymentRow, 'id' | 'refundedCents' | 'createdAt'>;

export async function insertPayment(db: Database, payment: NewPayment): Promise<PaymentRow> {
  const [row] = await db.insert(paymentsTable).values(payment).returning(paymentColumns);
  return row!;
}

export async function paymentsByIds(db: Database, ids: readonly string[]): Promise<PaymentRow[]> {
  return db.select(paymentColumns).from(paymentsTable).where(inArray(paymentsTable.id, [...ids]));
}

/** The payments of several orders, each order's in the order they were attempted. */
export async function paymentsOfOrders(db: Database, orderIds: readonly string[]): Promise<PaymentRow[]> {
  return db
    .select(paymentColumns)
    .from(paymentsTable)
    .where(inArray(paymentsTable.orderId, [...orderIds]))
    .orderBy(asc(paymentsTable.createdAt), asc(paymentsTable.id));
}

export type CustomerPaymentsQuery = PageQuery<TimeIdCursor>;

/** Every payment (of one status, when given), newest first: `Query.payments`. */
export function allPayments(db: Database, status: PaymentStatus | null) {
  return newestFirst<PaymentRow>(db, {
    table: paymentsTable,
    columns: paymentColumns,
    time: paymentsTable.createdAt,
    id: paymentsTable.id,
    where: status === null ? undefined : eq(paymentsTable.status, status),
  });
}

/** One page of payments (newest first) for each of several customers, in a single statement. */
export async function paymentsOfCustomers(db: Database, customerIds: readonly string[], { after, limit }: CustomerPaymentsQuery): Promise<PaymentRow[]> {
  return pagePerOwner<PaymentRow>(db, { owner: paymentsTable.customerId, orderBy: sql`${paymentsTable.createdAt} desc, ${paymentsTable.id} desc`, limit }, (rowNumber) =>
    db
      .select({ ...paymentColumns, rowNumber })
      .from(paymentsTable)
      .where(and(inArray(paymentsTable.customerId, [...customerIds]), pastTimeIdCursor(paymentsTable.createdAt, paymentsTable.id, after, 'desc'))),
  );
}

export function paymentCountsOfCustomers(db: Database, customerIds: readonly string[]) {
  return countPerOwner(db, paymentsTable, paymentsTable.customerId, customerIds);
}

/** Locks a payment for a refund, so concurrent refunds of it add up instead of overwriting each other. */
export async function lockPayment(db: Database, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select(paymentColumns).from(paymentsTable).where(eq(paymentsTable.id, id)).for('update');
  return row;
}
