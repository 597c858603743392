import { event, NotFoundError, type Database, type SubgraphEvents } from '@bookstore/kit';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { planRefund, type RefundPlan } from '../domain/refund-plan.js';
import { lockPayment, paymentColumns, type PaymentRow } from './payments.js';
import { paymentsTable, refundsTable } from './schema.js';

export interface RefundRow {
  id: string;
  paymentId: string;
  amountCents: number;
  /** The payment's currency: a refund pays back in the currency captured. */
  currency: string;
  reason: string | null;
  createdAt: Date;
}

/** The refunds of several payments, each payment's oldest first. */
export async function refundsOfPayments(db: Database, paymentIds: readonly string[]): Promise<RefundRow[]> {
  return db
    .select({
      id: refundsTable.id,
      paymentId: refundsTable.paymentId,
      amountCents: refundsTable.amountCents,
      currency: paymentsTable.currency,
      reason: refundsTable.reason,
      createdAt: refundsTable.createdAt,
    })
    .from(refundsTable)
    .innerJoin(paymentsTable, eq(paymentsTable.id, refundsTable.paymentId))
    .where(inArray(refundsTable.paymentId, [...paymentIds]))
    .orderBy(asc(refundsTable.createdAt), asc(refundsTable.id));
}

export interface RefundOutcome {
  refund: RefundRow;
  /** `payment.refunded` was written: the refund left nothing captured on the order. */
  orderRefunded: boolean;
}

/**
 * `refundPayment`: `amountCents` or, when null, everything still captured. The refund that leaves
 * nothing captured on the order tells orders, in its transaction (`payment.refunded`), so the
 * order ends REFUNDED; a partial refund leaves it as it is.
 */
export async function refundPayment(db: Database, events: SubgraphEvents, paymentId: string, amountCents: number | null, reason: string | null): Promise<RefundOutcome> {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new NotFoundError(`Payment ${paymentId}`);
    const refund = await applyRefund(tx, payment, planRefund(payment, amountCents), reason);
    const captured = await capturedOnOrder(tx, payment.orderId);
    if (captured.remainingCents > 0) return { refund, orderRefunded: false };
    await events.write(tx, [event('payment.refunded', { orderId: payment.orderId, paymentId, amountCents: captured.refundedCents, currency: payment.currency, reason })]);
    return { refund, orderRefunded: true };
  });
}

/** What an order's payments still hold, and what was refunded of them, in cents. */
async function capturedOnOrder(db: Database, orderId: string): Promise<{ remainingCents: number; refundedCents: number }> {
  const [row] = await db
    .select({
      remainingCents: sql<number>`coalesce(sum(${paymentsTable.amountCents} - ${paymentsTable.refundedCents}) filter (where ${paymentsTable.status} in ('SUCCEEDED', 'PARTIALLY_REFUNDED')), 0)`.mapWith(Number),
      refundedCents: sql<number>`coalesce(sum(${paymentsTable.refundedCents}), 0)`.mapWith(Number),
    })
    .from(paymentsTable)
    .where(eq(paymentsTable.orderId, orderId));
  return row!;
}

/**
 * Refunds everything still captured on an order's payments, within the caller's transaction.
 * Payments fully refunded already are skipped, so a second cancellation refunds nothing twice.
 * Orders hears nothing of these refunds: they are the cancellation's, and the order has ended.
 */
export async function refundOrder(db: Database, orderId: string, reason: string): Promise<RefundRow[]> {
  const payments = await db
    .select(paymentColumns)
    .from(paymentsTable)
    .where(
      and(
        eq(paymentsTable.orderId, orderId),
        inArray(paymentsTable.status, ['SUCCEEDED', 'PARTIALLY_REFUNDED']),
        lt(paymentsTable.refundedCents, paymentsTable.amountCents),
      ),
    )
    .orderBy(asc(paymentsTable.createdAt), asc(paymentsTable.id))
    .for('update');
  const refunds: RefundRow[] = [];
  for (const payment of payments) refunds.push(await applyRefund(db, payment, planRefund(payment, null), reason));
  return refunds;
}

async function applyRefund(db: Database, payment: PaymentRow, plan: RefundPlan, reason: string | null): Promise<RefundRow> {
  const [refund] = await db
    .insert(refundsTable)
    .values({ paymentId: payment.id, amountCents: plan.amountCents, reason })
    .returning({ id: refundsTable.id, paymentId: refundsTable.paymentId, amountCents: refundsTable.amountCents, reason: refundsTable.reason, createdAt: refundsTable.createdAt });
  await db
    .update(paymentsTable)
    .set({ refundedCents: plan.refundedCents, status: plan.status, updatedAt: sql`now()` })
    .where(eq(paymentsTable.id, payment.id));
  return { ...refund!, currency: payment.currency };
}
