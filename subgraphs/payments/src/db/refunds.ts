import type { Database } from '@bookstore/subgraph-runtime';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { RefundPlan } from '../domain/refund-plan.js';
import { paymentColumns, type PaymentRow } from './payments.js';
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

/** What an order's payments still hold, and what was refunded of them, in cents. */
export async function capturedOnOrder(db: Database, orderId: string): Promise<{ remainingCents: number; refundedCents: number }> {
  const [row] = await db
    .select({
      remainingCents: sql<number>`coalesce(sum(${paymentsTable.amountCents} - ${paymentsTable.refundedCents}) filter (where ${paymentsTable.status} in ('SUCCEEDED', 'PARTIALLY_REFUNDED')), 0)`.mapWith(Number),
      refundedCents: sql<number>`coalesce(sum(${paymentsTable.refundedCents}), 0)`.mapWith(Number),
    })
    .from(paymentsTable)
    .where(eq(paymentsTable.orderId, orderId));
  return row!;
}

/** An order's payments with something left to refund, oldest first, locked for the refund. */
export async function lockRefundablePayments(db: Database, orderId: string): Promise<PaymentRow[]> {
  return db
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
}

/** Records a refund as `plan` has it and sets the payment's refunded total and status to match. */
export async function applyRefund(db: Database, payment: PaymentRow, plan: RefundPlan, reason: string | null): Promise<RefundRow> {
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
