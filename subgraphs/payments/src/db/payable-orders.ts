import type { EventPayload } from '@bookstore/events';
import { Statements, type Database } from '@bookstore/subgraph-runtime';
import { eq, sql } from 'drizzle-orm';
import type { PayableOrder } from '../domain/payable.js';
import { payableOrdersTable } from './schema.js';

/** The saga's statement here, built once (db-statements.ts): payments takes note of every order. */
const statements = new Statements();

const payableColumns = {
  orderId: payableOrdersTable.orderId,
  customerId: payableOrdersTable.customerId,
  amountCents: payableOrdersTable.amountCents,
  currency: payableOrdersTable.currency,
  state: payableOrdersTable.state,
};

/**
 * Records that an order can be paid. An existing row wins: it is this order already awaiting
 * payment, paid, or cancelled by an event that overtook this one, and none of those reopens it.
 */
export async function recordAwaitingPayment(db: Database, event: EventPayload<'order.awaiting_payment'>): Promise<void> {
  await statements.run(
    db,
    'awaiting payment',
    (built) =>
      built
        .insert(payableOrdersTable)
        .values({ orderId: sql.placeholder('orderId'), customerId: sql.placeholder('customerId'), amountCents: sql.placeholder('amountCents'), currency: sql.placeholder('currency'), state: 'AWAITING' })
        .onConflictDoNothing(),
    { orderId: event.orderId, customerId: event.customerId, amountCents: event.totalCents, currency: event.currency },
  );
}

/**
 * Marks an order cancelled, creating the row when the cancellation arrives first. The upsert
 * takes the row's lock (waiting for a payOrder that holds it), so a payment either commits
 * before this and is refunded by the caller, or runs after and finds the order CANCELLED.
 */
export async function recordCancellation(db: Database, event: EventPayload<'order.cancelled'>): Promise<void> {
  await db
    .insert(payableOrdersTable)
    .values({ orderId: event.orderId, customerId: event.customerId, state: 'CANCELLED' })
    .onConflictDoUpdate({ target: payableOrdersTable.orderId, set: { state: 'CANCELLED', updatedAt: sql`now()` } });
}

/** Locks the order for one payment attempt: attempts on one order, and its cancellation, run one at a time. */
export async function lockPayableOrder(db: Database, orderId: string): Promise<PayableOrder | undefined> {
  const [row] = await db.select(payableColumns).from(payableOrdersTable).where(eq(payableOrdersTable.orderId, orderId)).for('update');
  return row;
}

export async function markPaid(db: Database, orderId: string): Promise<void> {
  await db.update(payableOrdersTable).set({ state: 'PAID', updatedAt: sql`now()` }).where(eq(payableOrdersTable.orderId, orderId));
}
