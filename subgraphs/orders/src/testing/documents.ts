import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Caller, OrdersHarness } from './harness.js';

/** The fields of an order the tests read back. */
export const ORDER_FIELDS = `id status rejectionReason createdAt updatedAt paymentDueAt
  customer { id }
  total { amount currency }
  items { book { id } quantity unitPrice { amount currency } }
  shippingAddress { line1 line2 city postalCode country }
  history { status at reason }`;

export const PLACE_ORDER = `mutation($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { ${ORDER_FIELDS} } }`;
export const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
export const CANCEL_ORDER = `mutation($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { ${ORDER_FIELDS} } }`;
export const UPDATE_SHIPPING_ADDRESS = `mutation($id: ID!, $address: AddressInput!) { updateShippingAddress(id: $id, address: $address) { ${ORDER_FIELDS} } }`;
export const UPDATE_ORDER_STATUS = `mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { ${ORDER_FIELDS} } }`;

export interface PlacedOrder {
  id: string;
  status: string;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
  paymentDueAt: string | null;
  customer: { id: string };
  total: { amount: string; currency: string } | null;
  items: { book: { id: string }; quantity: number; unitPrice: { amount: string; currency: string } | null }[];
  shippingAddress: Record<string, string | null>;
  history: { status: string; at: string; reason: string | null }[];
}

export const ADDRESS = { line1: '1 High Street', city: 'Bath', postalCode: 'BA1 1AA', country: 'gb' };

/** A valid PlaceOrderInput for new random books, `quantities` copies of each. */
export function orderInput(...quantities: number[]) {
  return { items: (quantities.length > 0 ? quantities : [1]).map((quantity) => ({ bookId: randomUUID(), quantity })), shippingAddress: ADDRESS };
}

/** Places `input` as `caller`, its books known to orders first (as the catalog's book.changed would make them). */
export async function placeOrder(orders: OrdersHarness, caller: Caller, input: ReturnType<typeof orderInput> = orderInput()): Promise<PlacedOrder> {
  await orders.knowBooks(input.items.map((item) => item.bookId));
  const response = await orders.request<{ placeOrder: PlacedOrder }>(PLACE_ORDER, { input }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.placeOrder;
}

export async function readOrder(orders: OrdersHarness, id: string, caller: Caller = orders.admin): Promise<PlacedOrder> {
  const response = await orders.request<{ order: PlacedOrder }>(ORDER, { id }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.order;
}

/** Reserves an order's lines at `unitPriceCents` each, as the catalog would. */
export async function reserveStock(orders: OrdersHarness, order: PlacedOrder, unitPriceCents = 1000): Promise<string> {
  const items = order.items.map((item) => ({ bookId: item.book.id, quantity: item.quantity, unitPriceCents, currency: 'USD' }));
  return orders.deliver('stock.reserved', { orderId: order.id, items });
}

/** Drives a PENDING order on to `status`, as the catalog, payments and an ADMIN would. */
export async function advanceTo(orders: OrdersHarness, order: PlacedOrder, status: 'AWAITING_PAYMENT' | 'PAID' | 'SHIPPED' | 'DELIVERED'): Promise<void> {
  await reserveStock(orders, order);
  await expect.poll(() => orders.statusOf(order.id)).toBe('AWAITING_PAYMENT');
  if (status === 'AWAITING_PAYMENT') return;
  await orders.deliver('payment.succeeded', { orderId: order.id, paymentId: randomUUID(), amountCents: 1000, currency: 'USD' });
  await expect.poll(() => orders.statusOf(order.id)).toBe('PAID');
  if (status === 'PAID') return;
  await setStatus(orders, order, 'SHIPPED');
  if (status === 'DELIVERED') await setStatus(orders, order, 'DELIVERED');
}

async function setStatus(orders: OrdersHarness, order: PlacedOrder, status: 'SHIPPED' | 'DELIVERED'): Promise<void> {
  const response = await orders.request(UPDATE_ORDER_STATUS, { id: order.id, status }, orders.admin);
  expect(response.errors).toBeUndefined();
}
