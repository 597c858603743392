import { countLoader, groupLoader, loaderPerArgs, rowLoader, type Database } from '@bookstore/subgraph-runtime';
import type DataLoader from 'dataloader';
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
  const customerPages = loaderPerArgs((page: OrderPageQuery) => groupLoader((ids) => ordersOfCustomers(db, ids, page), (order) => order.customerId));
  const loaders: OrdersLoaders = {
    orderById: rowLoader((ids) => ordersByIds(db, ids), (order) => order.id),
    itemsByOrderId: groupLoader((ids) => itemsOfOrders(db, ids), (item) => item.orderId),
    historyByOrderId: groupLoader((ids) => historyOfOrders(db, ids), (change) => change.orderId),
    orderCountByCustomerId: countLoader((ids) => orderCountsOfCustomers(db, ids), (row) => row.ownerId),
    ordersOfCustomer: (page) => customerPages.get(page),
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
