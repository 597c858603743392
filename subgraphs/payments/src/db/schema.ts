import { cents, eventTables, instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { check, index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PayableState, PaymentMethod, PaymentStatus, ReplayedErrorCode } from '../domain/types.js';

export const paymentsSchema = pgSchema('payments');

export const { outboxTable, inboxTable } = eventTables(paymentsSchema);

const createdAt = () => instant('created_at').notNull().defaultNow();


/**
 * What payments knows about orders, learned only from the orders' events (it never reads the
 * orders schema). A cancellation that overtakes `order.awaiting_payment` leaves a CANCELLED row
 * without an amount, so the late event cannot reopen the order.
 */
export const payableOrdersTable = paymentsSchema.table(
  'payable_orders',
  {
    orderId: uuid('order_id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    amountCents: cents('amount_cents'),
    currency: text('currency'),
    state: text('state').$type<PayableState>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payable_orders_state_known', sql`${t.state} in ('AWAITING', 'PAID', 'CANCELLED')`),
    check('payable_orders_amount_known', sql`${t.state} = 'CANCELLED' or (${t.amountCents} is not null and ${t.amountCents} >= 0 and ${t.currency} is not null)`),
  ],
);

export const paymentsTable = paymentsSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    amountCents: cents('amount_cents').notNull(),
    currency: text('currency').notNull(),
    method: text('method').$type<PaymentMethod>().notNull(),
    status: text('status').$type<PaymentStatus>().notNull(),
    failureReason: text('failure_reason'),
    /** The only part of a card number ever stored; the number and cvc never reach the database. */
    cardLast4: text('card_last4'),
    /** Sum of this payment's refunds, kept with them under the payment's row lock. */
    refundedCents: cents('refunded_cents').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payments_method_known', sql`${t.method} in ('CREDIT_CARD', 'DEBIT_CARD', 'PAYPAL', 'BANK_TRANSFER')`),
    check('payments_status_known', sql`${t.status} in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')`),
    check('payments_card_last4_digits', sql`${t.cardLast4} ~ '^[0-9]{4}$'`),
    // The last line of defence against refunding more than was captured.
    check('payments_refunds_within_amount', sql`${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.amountCents}`),
    index('payments_order_id_idx').on(t.orderId, t.createdAt),
    index('payments_customer_created_at_id_idx').on(t.customerId, t.createdAt, t.id),
    // Query.payments: every payment, or those of one status, newest first.
    index('payments_created_at_id_idx').on(t.createdAt, t.id),
    index('payments_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
  ],
);

export const refundsTable = paymentsSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => paymentsTable.id),
    amountCents: cents('amount_cents').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [check('refunds_amount_positive', sql`${t.amountCents} > 0`), index('refunds_payment_id_idx').on(t.paymentId, t.createdAt)],
);

/**
 * One row per (customer, idempotency key), inserted before anything else in payOrder's
 * transaction: a concurrent call with the same key blocks on that insert until the first
 * commits, then reads the outcome stored here. Only a charge attempt's outcome is stored.
 */
export const idempotencyKeysTable = paymentsSchema.table(
  'idempotency_keys',
  {
    customerId: uuid('customer_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the normalised request; the card's number and cvc enter it only as a digest. */
    requestHash: text('request_hash').notNull(),
    /** The payment the attempt created; null only inside the transaction that inserted the row. */
    paymentId: uuid('payment_id').references(() => paymentsTable.id),
    /** The error the attempt answered with, replayed as is; null when it succeeded. */
    errorCode: text('error_code').$type<ReplayedErrorCode>(),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.key] }),
    check('idempotency_keys_error_code_known', sql`${t.errorCode} in ('PAYMENT_DECLINED')`),
    check('idempotency_keys_error_complete', sql`(${t.errorCode} is null) = (${t.errorMessage} is null)`),
  ],
);
