import { groupLoader, rowLoader, type Database } from '@bookstore/kit';
import DataLoader from 'dataloader';
import { historyOfOrders, itemsOfOrders, orderCountsOfCustomers, ordersByIds, ordersOfCustomers, type OrderItemRow, type OrderPageQuery, type OrderRow, type StatusChangeRow } from './db/orders.js';

/** Per-request batching: each loader turns the lookups of one GraphQL execution tick into one query. */
export interface OrdersLoaders {
  orderById: DataLoader<string, OrderRow | null>;
  itemsByOrderId: DataLoader<string, OrderItemRow[]>;
  historyByOrderId: DataLoader<string, StatusChangeRow[]>;
  orderCountByCustomerId: DataLoader<string, number>;
  /** `User.orders` pages; users asking for the same page (first, after) share one query. */
  ordersOfCustomer(page: OrderPageQuery): DataLoader<string, OrderRow[]>;
  /** Drops what this request cached about an order it just changed (a mutation may be followed by another). */
  forgetOrder(id: string): void;
}

export function createLoaders(db: Database): OrdersLoaders {
  const customerPages = new Map<string, DataLoader<string, OrderRow[]>>();
  const loaders: OrdersLoaders = {
    orderById: rowLoader((ids) => ordersByIds(db, ids), (order) => order.id),
    itemsByOrderId: groupLoader((ids) => itemsOfOrders(db, ids), (item) => item.orderId),
    historyByOrderId: groupLoader((ids) => historyOfOrders(db, ids), (change) => change.orderId),
    orderCountByCustomerId: new DataLoader(async (ids) => {
      const counts = new Map((await orderCountsOfCustomers(db, ids)).map((row) => [row.customerId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    ordersOfCustomer(page) {
      const key = JSON.stringify(page);
      let loader = customerPages.get(key);
      if (!loader) {
        loader = groupLoader((ids) => ordersOfCustomers(db, ids, page), (order) => order.customerId);
        customerPages.set(key, loader);
      }
      return loader;
    },
    forgetOrder(id) {
      loaders.orderById.clear(id);
      loaders.itemsByOrderId.clear(id);
      loaders.historyByOrderId.clear(id);
      loaders.orderCountByCustomerId.clearAll();
      customerPages.clear();
    },
  };
  return loaders;
}
