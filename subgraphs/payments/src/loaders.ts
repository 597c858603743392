import { groupLoader, isUuid, rowLoader, type Database } from '@bookstore/kit';
import DataLoader from 'dataloader';
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

// Order and user ids come from other subgraphs' representations; only UUIDs can match a row,
// and anything else would make the uuid comparison fail in SQL.
const uuidsOf = (ids: readonly string[]) => ids.filter(isUuid);

export function createLoaders(db: Database): PaymentsLoaders {
  const customerPages = new Map<string, DataLoader<string, PaymentRow[]>>();
  const loaders: PaymentsLoaders = {
    paymentById: rowLoader((ids) => paymentsByIds(db, ids), (payment) => payment.id),
    paymentsByOrderId: groupLoader((ids) => paymentsOfOrders(db, uuidsOf(ids)), (payment) => payment.orderId),
    refundsByPaymentId: groupLoader((ids) => refundsOfPayments(db, ids), (refund) => refund.paymentId),
    paymentsOfCustomer(page) {
      const key = JSON.stringify(page);
      let loader = customerPages.get(key);
      if (!loader) {
        loader = groupLoader((ids) => paymentsOfCustomers(db, uuidsOf(ids), page), (payment) => payment.customerId);
        customerPages.set(key, loader);
      }
      return loader;
    },
    paymentCountByCustomerId: new DataLoader(async (ids) => {
      const counts = new Map((await paymentCountsOfCustomers(db, uuidsOf(ids))).map((row) => [row.customerId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    forgetPayment(id) {
      loaders.paymentById.clear(id);
      loaders.refundsByPaymentId.clear(id);
      loaders.paymentsByOrderId.clearAll();
      customerPages.clear();
    },
  };
  return loaders;
}
