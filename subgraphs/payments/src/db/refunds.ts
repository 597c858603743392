import { NotFoundError, type Database } from '@bookstore/kit';
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

/** `refundPayment`: `amountCents` or, when null, everything still captured. */
export async function refundPayment(db: Database, paymentId: string, amountCents: number | null, reason: string | null): Promise<RefundRow> {
  return db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) throw new NotFoundError(`Payment ${paymentId}`);
    return applyRefund(tx, payment, planRefund(payment, amountCents), reason);
  });
}

/**
 * Refunds everything still captured on an order's payments, within the caller's transaction.
 * Payments fully refunded already are skipped, so a second cancellation refunds nothing twice.
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
