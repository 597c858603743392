import { z } from 'zod';
import { InternalError } from '@bookstore/server-core';
import { MAX_LINE_QUANTITY, MAX_ORDER_CENTS, MAX_ORDER_LINES, MAX_PRICE_CENTS } from './money.js';

/**
 * The one typed catalogue of events the subgraphs exchange (DESIGN.md, Events). A payload's
 * schema is checked when it is written and again when it is consumed; money is integer cents,
 * within the bounds the API enforces (money.ts), so an event never carries an amount that a
 * consumer's columns or arithmetic cannot hold.
 */
const id = z.uuid();
const cents = z.number().int().nonnegative();
const priceCents = cents.max(MAX_PRICE_CENTS);
const orderCents = cents.max(MAX_ORDER_CENTS);
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY);
const currency = z.string().length(3);
const orderStatus = z.enum(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED', 'REFUNDED']);

export const eventSchemas = {
  /** orders -> catalog: reserve stock for these lines. */
  'order.placed': z.object({ orderId: id, customerId: id, items: z.array(z.object({ bookId: id, quantity })).min(1).max(MAX_ORDER_LINES) }),
  /** catalog -> orders: every line reserved, at these catalog prices. */
  'stock.reserved': z.object({
    orderId: id,
    items: z.array(z.object({ bookId: id, quantity, unitPriceCents: priceCents, currency })).min(1).max(MAX_ORDER_LINES),
  }),
  /** catalog -> orders: nothing reserved; `bookId` names the line that failed, when one did. */
  'stock.rejected': z.object({ orderId: id, reason: z.string().min(1), bookId: id.nullable() }),
  /** orders -> payments: the order can be paid, for exactly this amount. */
  'order.awaiting_payment': z.object({ orderId: id, customerId: id, totalCents: orderCents, currency }),
  /** orders -> orders (delayed until the payment window closes): cancel if still unpaid. */
  'order.payment_window_expired': z.object({ orderId: id }),
  /** payments -> orders: the order's amount was captured. */
  'payment.succeeded': z.object({ orderId: id, paymentId: id, amountCents: orderCents, currency }),
  /** orders -> catalog (release stock), payments (refund what was captured). */
  'order.cancelled': z.object({ orderId: id, customerId: id, reason: z.string().nullable() }),
  /**
   * payments -> orders: an ADMIN's refundPayment left nothing captured on the order (`amountCents`
   * refunded in all). Never for the refund a cancellation makes: that order has ended already.
   */
  'payment.refunded': z.object({ orderId: id, paymentId: id, amountCents: orderCents, currency, reason: z.string().nullable() }),
  /** orders -> catalog: a paid order ended REFUNDED; release its stock unless the books had `shipped`. */
  'order.refunded': z.object({ orderId: id, customerId: id, shipped: z.boolean() }),
  /** orders -> reviews: these books reached the customer (verified purchases). */
  'order.delivered': z.object({ orderId: id, customerId: id, bookIds: z.array(id) }),
  /** catalog -> orders, reviews, loans, summaries: a book was created, changed or deleted (their local view of books). */
  'book.changed': z.object({ bookId: id, title: z.string(), description: z.string().nullable(), deleted: z.boolean() }),
  /** loans -> loans (delayed until the loan is due): mark it OVERDUE if it is still out. */
  'loan.due': z.object({ loanId: id }),
  /** loans -> loans (delayed until two days before `dueAt`): tell the borrower, if the loan is still out and still due then. */
  'loan.due_soon': z.object({ loanId: id, dueAt: z.iso.datetime() }),
  /** loans -> loans (delayed until the hold's pickupBy): expire it if its copy is still waiting to be picked up. */
  'hold.pickup_due': z.object({ holdId: id }),
  /** summaries -> summaries: summarise this book (the given content, or else its description). */
  'summary.requested': z.object({ summaryId: id, bookId: id, content: z.string().nullable() }),
  /** orders -> pub/sub -> subscriptions: every status change, in order. */
  'order.status_changed': z.object({
    orderId: id,
    customerId: id,
    status: orderStatus,
    previousStatus: orderStatus.nullable(),
    reason: z.string().nullable(),
    at: z.iso.datetime(),
  }),
  /** loans -> pub/sub -> subscriptions: something about a member's hold or loan (myLibraryUpdates). */
  'library.update': z.object({
    memberId: id,
    kind: z.enum(['HOLD_READY', 'HOLD_EXPIRED', 'LOAN_DUE_SOON', 'LOAN_OVERDUE']),
    loanId: id.nullable(),
    holdId: id.nullable(),
    at: z.iso.datetime(),
  }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<N extends EventName> = z.infer<(typeof eventSchemas)[N]>;

/** The subgraphs that consume events; each has one job queue of that name. */
export type Consumer = 'catalog' | 'orders' | 'payments' | 'reviews' | 'loans' | 'summaries';

/**
 * Where each event goes: the consumers' job queues (one job per consumer, job id = event id)
 * and, for notifications, a pub/sub channel.
 */
export const eventRoutes: { readonly [N in EventName]: { queues: readonly Consumer[]; channel?: string } } = {
  'order.placed': { queues: ['catalog'] },
  'stock.reserved': { queues: ['orders'] },
  'stock.rejected': { queues: ['orders'] },
  'order.awaiting_payment': { queues: ['payments'] },
  'order.payment_window_expired': { queues: ['orders'] },
  'payment.succeeded': { queues: ['orders'] },
  'order.cancelled': { queues: ['catalog', 'payments'] },
  'payment.refunded': { queues: ['orders'] },
  'order.refunded': { queues: ['catalog'] },
  'order.delivered': { queues: ['reviews'] },
  'book.changed': { queues: ['orders', 'reviews', 'loans', 'summaries'] },
  'loan.due': { queues: ['loans'] },
  'loan.due_soon': { queues: ['loans'] },
  'hold.pickup_due': { queues: ['loans'] },
  'summary.requested': { queues: ['summaries'] },
  'order.status_changed': { queues: [], channel: 'order.status_changed' },
  'library.update': { queues: [], channel: 'library.update' },
};

/** The pub/sub channel an event is broadcast on, for its subscribers; only notifications have one. */
export function channelOf(name: EventName): string {
  const channel = eventRoutes[name].channel;
  if (!channel) throw new InternalError(`${name} is not broadcast on a pub/sub channel.`);
  return channel;
}

/** What travels on queues and channels. */
export interface EventEnvelope<N extends EventName = EventName> {
  /** UUID; the job id on every queue and the inbox key of every consumer. */
  id: string;
  name: N;
  payload: EventPayload<N>;
  /** ISO-8601; when the change that caused the event committed. */
  occurredAt: string;
  /** The subgraph that wrote it. */
  source: string;
  /** W3C traceparent of the request or job that caused it (when tracing is on): consumers continue that trace. */
  traceparent?: string;
}

/** An event about to be written to the outbox, in the transaction of the change it reports. */
export interface NewEvent<N extends EventName = EventName> {
  name: N;
  payload: EventPayload<N>;
  /** Not before this time (delayed events, e.g. the payment window); default now. */
  deliverAt?: Date;
}

/** Type-safe constructor for a NewEvent. */
export function event<N extends EventName>(name: N, payload: EventPayload<N>, deliverAt?: Date): NewEvent<N> {
  return deliverAt ? { name, payload, deliverAt } : { name, payload };
}
