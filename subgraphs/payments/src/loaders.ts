import { countLoader, groupLoader, loaderPerArgs, rowLoader, uuidsOnly, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
import { paymentCountsOfCustomers, paymentsByIds, paymentsOfCustomers, paymentsOfOrders, type CustomerPaymentsQuery, type PaymentRow } from './db/payments.js';
import { refundsOfPayments, type RefundRow } from './db/refunds.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface PaymentsLoaders {
  paymentById: DataLoader<string, PaymentRow | null>;
  paymentsByOrderId: DataLoader<string, PaymentRow[]>;
  refundsByPaymentId: DataLoader<string, RefundRow[]>;
  /** `User.payments` pages; users asking for the same page (first, after) share one query. */
  paymentsOfCustomer(page: CustomerPaymentsQuery): DataLoader<string, PaymentRow[]>;
  paymentCountByCustomerId: DataLoader<string, number>;
  /** Drops what this request cached about a payment it just refunded (a mutation may be followed by another). */
  forgetPayment(id: string): void;
}

export function createLoaders(db: Database): PaymentsLoaders {
  // Order and user ids come from other subgraphs' representations (uuidsOnly).
  const customerPages = loaderPerArgs((page: CustomerPaymentsQuery) => groupLoader(uuidsOnly((ids) => paymentsOfCustomers(db, ids, page)), (payment) => payment.customerId));
  const loaders: PaymentsLoaders = {
    paymentById: rowLoader((ids) => paymentsByIds(db, ids), (payment) => payment.id),
    paymentsByOrderId: groupLoader(uuidsOnly((ids) => paymentsOfOrders(db, ids)), (payment) => payment.orderId),
    refundsByPaymentId: groupLoader((ids) => refundsOfPayments(db, ids), (refund) => refund.paymentId),
    paymentsOfCustomer: (page) => customerPages.get(page),
    paymentCountByCustomerId: countLoader(uuidsOnly((ids) => paymentCountsOfCustomers(db, ids)), (row) => row.ownerId),
    forgetPayment(id) {
      loaders.paymentById.clear(id);
      loaders.refundsByPaymentId.clear(id);
      loaders.paymentsByOrderId.clearAll();
      customerPages.clear();
    },
  };
  return loaders;
}
