import { requireSelfOrAdmin } from '@bookstore/server-core';
import { money } from '@bookstore/events';
import { createdAtCursor, decodeTimeIdCursor, isUuid, paginate, type PageArgs } from '@bookstore/subgraph-runtime';
import type { OrdersContext } from '../context.js';
import type { OrderItemRow, OrderRow } from '../db/orders.js';
import { requireOrderAccess } from '../domain/order-access.js';

/** A representation from the router; ids it never issued are simply unknown, not an error. */
interface Reference {
  id: string;
}

/**
 * Any subgraph can hand the router an Order reference to resolve through `_entities`, so the
 * order's fields (all but its key) check the caller themselves rather than trust the entry point.
 */
function guarded<T>(read: (order: OrderRow, ctx: OrdersContext) => T) {
  return (order: OrderRow, _args: unknown, ctx: OrdersContext): T => {
    requireOrderAccess(ctx.viewer, order);
    return read(order, ctx);
  };
}

function moneyOrNull(cents: number | null, currency: string | null) {
  return cents === null || currency === null ? null : money(cents, currency);
}

export const Order = {
  __resolveReference(ref: Reference, ctx: OrdersContext) {
    return isUuid(ref.id) ? ctx.loaders.orderById.load(ref.id.toLowerCase()) : null;
  },
  customer: guarded((order) => ({ id: order.customerId })),
  items: guarded((order, ctx) => ctx.loaders.itemsByOrderId.load(order.id)),
  status: guarded((order) => order.status),
  /** Null until the catalog has reserved the stock at its prices. */
  total: guarded((order) => moneyOrNull(order.totalCents, order.currency)),
  shippingAddress: guarded((order) => ({
    line1: order.addressLine1,
    line2: order.addressLine2,
    city: order.addressCity,
    postalCode: order.addressPostalCode,
    country: order.addressCountry,
  })),
  rejectionReason: guarded((order) => order.rejectionReason),
  history: guarded((order, ctx) => ctx.loaders.historyByOrderId.load(order.id)),
  /** The window opens when the order reaches AWAITING_PAYMENT; its delayed expiry event is due at the same moment. */
  paymentDueAt: guarded(async (order, ctx) => {
    if (order.status !== 'AWAITING_PAYMENT') return null;
    const history = await ctx.loaders.historyByOrderId.load(order.id);
    const opened = history.findLast((change) => change.status === 'AWAITING_PAYMENT');
    return opened ? new Date(opened.at.getTime() + ctx.deps.settings.paymentWindowSeconds * 1000) : null;
  }),
  createdAt: guarded((order) => order.createdAt),
  updatedAt: guarded((order) => order.updatedAt),
};

export const OrderItem = {
  book: (item: OrderItemRow) => ({ id: item.bookId }),
  unitPrice: (item: OrderItemRow) => moneyOrNull(item.unitPriceCents, item.currency),
};

export const User = {
  // The users subgraph owns users; any well-formed id is one, and its orders may be none.
  __resolveReference: (ref: Reference) => (isUuid(ref.id) ? { id: ref.id.toLowerCase() } : null),
  async orders(user: Reference, args: PageArgs, ctx: OrdersContext) {
    requireSelfOrAdmin(ctx.viewer, user.id);
    return paginate(args, {
      decode: decodeTimeIdCursor,
      fetch: (page) => ctx.loaders.ordersOfCustomer(page).load(user.id),
      cursorOf: createdAtCursor,
      totalCount: () => ctx.loaders.orderCountByCustomerId.load(user.id),
    });
  },
};
