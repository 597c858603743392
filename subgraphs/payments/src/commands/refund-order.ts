import type { Database } from '@bookstore/subgraph-runtime';
import { applyRefund, lockRefundablePayments, type RefundRow } from '../db/refunds.js';
import { planRefund } from '../domain/refund-plan.js';

/**
 * Refunds everything still captured on an order's payments, within the caller's transaction.
 * Payments fully refunded already are skipped, so a second cancellation refunds nothing twice.
 * Orders hears nothing of these refunds: they are the cancellation's, and the order has ended.
 */
export async function refundOrder(db: Database, orderId: string, reason: string): Promise<RefundRow[]> {
  const payments = await lockRefundablePayments(db, orderId);
  const refunds: RefundRow[] = [];
  for (const payment of payments) refunds.push(await applyRefund(db, payment, planRefund(payment, null), reason));
  return refunds;
}
