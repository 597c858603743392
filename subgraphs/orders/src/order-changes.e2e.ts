import { expectError, type GraphQLResponse } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS, advanceTo, CANCEL_ORDER, placeOrder, readOrder, UPDATE_ORDER_STATUS, UPDATE_SHIPPING_ADDRESS, type PlacedOrder } from './testing/documents.js';
import { startOrders, type Caller, type OrdersHarness } from './testing/harness.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let orders: OrdersHarness;

beforeAll(async () => {
  orders = await startOrders({ kind: 'postgres' });
});
afterAll(() => orders?.stop());


function cancel(id: string, caller: Caller | undefined, reason?: string): Promise<GraphQLResponse<{ cancelOrder: PlacedOrder }>> {
  return orders.request(CANCEL_ORDER, { id, reason }, caller);
}

/** As an ADMIN unless another caller, or null for nobody, is given. */
function updateStatus(id: string, status: string, caller: Caller | null = orders.admin): Promise<GraphQLResponse<{ updateOrderStatus: PlacedOrder }>> {
  return orders.request(UPDATE_ORDER_STATUS, { id, status }, caller ?? undefined);
}

/** A new customer's order, driven to `status`. */
async function orderIn(status: 'PENDING' | 'AWAITING_PAYMENT' | 'PAID' | 'SHIPPED' | 'DELIVERED') {
  const customer = await orders.customer();
  const order = await placeOrder(orders, customer);
  if (status !== 'PENDING') await advanceTo(orders, order, status);
  return { customer, order };
}

describe('cancelOrder', () => {
  it.each(['PENDING', 'AWAITING_PAYMENT', 'PAID'] as const)('lets the customer cancel a %s order, telling the catalog and payments why', async (status) => {
    const { customer, order } = await orderIn(status);
    const response = await cancel(order.id, customer, '  changed my mind ');
    expect(response.errors).toBeUndefined();
    const cancelled = response.data!.cancelOrder;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)).toEqual({ status: 'CANCELLED', reason: 'changed my mind', at: cancelled.updatedAt });
    const written = await orders.outbox(order.id);
    expect(written.find((event) => event.name === 'order.cancelled')?.payload).toEqual({ orderId: order.id, customerId: customer.id, reason: 'changed my mind' });
    expect(written.filter((event) => event.name === 'order.status_changed').at(-1)?.payload).toMatchObject({ status: 'CANCELLED', previousStatus: status });
  });

  it('lets an ADMIN cancel anyone’s order, with or without a reason', async () => {
    const { order } = await orderIn('PAID');
    const response = await cancel(order.id, orders.admin);
    expect(response.data?.cancelOrder.status).toBe('CANCELLED');
    expect((await orders.outbox(order.id)).find((event) => event.name === 'order.cancelled')?.payload).toMatchObject({ reason: null });
  });

  it('is FORBIDDEN to other customers and needs a signed-in caller', async () => {
    const { order } = await orderIn('PENDING');
    expectError(await cancel(order.id, await orders.customer()), 'FORBIDDEN');
    expectError(await cancel(order.id, undefined), 'UNAUTHENTICATED');
    expect(await orders.statusOf(order.id)).toBe('PENDING');
  });

  it('answers NOT_FOUND for an unknown order and BAD_USER_INPUT for a malformed id or a long reason', async () => {
    const { customer, order } = await orderIn('PENDING');
    expectError(await cancel(UNKNOWN_ID, customer), 'NOT_FOUND', { message: UNKNOWN_ID });
    expectError(await cancel('order-1', customer), 'BAD_USER_INPUT', { message: 'id' });
    expectError(await cancel(order.id, customer, 'r'.repeat(501)), 'BAD_USER_INPUT', { message: 'reason' });
    expect(await orders.statusOf(order.id)).toBe('PENDING');
  });

  it('is a CONFLICT, naming the status, once the order has shipped or ended', async () => {
    const { customer: shipper, order: shipped } = await orderIn('SHIPPED');
    const { order: delivered } = await orderIn('DELIVERED');
    const { customer, order: cancelled } = await orderIn('PENDING');
    await cancel(cancelled.id, customer);
    const { order: rejected } = await orderIn('PENDING');
    await orders.deliver('stock.rejected', { orderId: rejected.id, reason: 'out of print', bookId: null });
    await expect.poll(() => orders.statusOf(rejected.id)).toBe('REJECTED');

    expectError(await cancel(shipped.id, shipper), 'CONFLICT', { message: 'SHIPPED' });
    for (const [order, status] of [[shipped, 'SHIPPED'], [delivered, 'DELIVERED'], [cancelled, 'CANCELLED'], [rejected, 'REJECTED']] as const) {
      expectError(await cancel(order.id, orders.admin), 'CONFLICT', { message: status });
      expect(await orders.statusOf(order.id)).toBe(status);
    }
  });
});

describe('updateOrderStatus', () => {
  it('ships a paid order and delivers it, telling reviews which books arrived', async () => {
    const { customer, order } = await orderIn('PAID');
    const shipped = await updateStatus(order.id, 'SHIPPED');
    expect(shipped.data?.updateOrderStatus.status).toBe('SHIPPED');
    const delivered = await updateStatus(order.id, 'DELIVERED');
    expect(delivered.errors).toBeUndefined();
    const final = delivered.data!.updateOrderStatus;
    expect(final.status).toBe('DELIVERED');

    // Oldest first, each change dated, the last one the order's updatedAt.
    expect(final.history.map((change) => change.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED']);
    const times = final.history.map((change) => Date.parse(change.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(final.history.at(-1)?.at).toBe(final.updatedAt);
    expect(final.history[0]?.at).toBe(final.createdAt);

    const written = await orders.outbox(order.id);
    expect(written.find((event) => event.name === 'order.delivered')?.payload).toEqual({ orderId: order.id, customerId: customer.id, bookIds: order.items.map((item) => item.book.id) });
    expect(written.filter((event) => event.name === 'order.status_changed').map((event) => event.payload['status'])).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED']);
  });

  it('shows fresh history when one operation changes an order twice', async () => {
    const { order } = await orderIn('PAID');
    const { data, errors } = await orders.request(
      `mutation($id: ID!) {
        s: updateOrderStatus(id: $id, status: SHIPPED) { history { status } }
        d: updateOrderStatus(id: $id, status: DELIVERED) { history { status } }
      }`,
      { id: order.id },
      orders.admin,
    );
    expect(errors).toBeUndefined();
    expect(data?.s.history).toHaveLength(4);
    expect(data?.d.history).toHaveLength(5);
  });

  it('is a CONFLICT, naming both statuses, for anything but PAID -> SHIPPED -> DELIVERED', async () => {
    const { order: pending } = await orderIn('PENDING');
    const { order: paid } = await orderIn('PAID');
    const { order: shipped } = await orderIn('SHIPPED');
    for (const [order, from, to] of [
      [pending, 'PENDING', 'SHIPPED'],
      [pending, 'PENDING', 'PAID'],
      [paid, 'PAID', 'DELIVERED'],
      [paid, 'PAID', 'CANCELLED'],
      [paid, 'PAID', 'PENDING'],
      [shipped, 'SHIPPED', 'SHIPPED'],
      [shipped, 'SHIPPED', 'REJECTED'],
    ] as const) {
      const response = await updateStatus(order.id, to);
      expectError(response, 'CONFLICT', { message: `from ${from} to ${to}` });
      expect(response.errors?.[0]?.extensions?.['field']).toBe('status');
      expect(await orders.statusOf(order.id)).toBe(from);
    }
  });

  it('is for ADMINs only', async () => {
    const { customer, order } = await orderIn('PAID');
    expectError(await updateStatus(order.id, 'SHIPPED', customer), 'FORBIDDEN');
    expectError(await updateStatus(order.id, 'SHIPPED', null), 'UNAUTHENTICATED');
    expectError(await updateStatus(UNKNOWN_ID, 'SHIPPED'), 'NOT_FOUND');
    expectError(await updateStatus('nope', 'SHIPPED'), 'BAD_USER_INPUT', { message: 'id' });
    expect((await readOrder(orders, order.id)).status).toBe('PAID');
  });
});

describe('updateShippingAddress', () => {
  const NEW_ADDRESS = { line1: ' 2 Low Road ', line2: 'Flat 3', city: 'York', postalCode: 'YO1 7HH', country: 'gb' };
  const STORED = { line1: '2 Low Road', line2: 'Flat 3', city: 'York', postalCode: 'YO1 7HH', country: 'GB' };

  function readdress(id: string, caller: Caller | undefined, address: Record<string, unknown> = NEW_ADDRESS): Promise<GraphQLResponse<{ updateShippingAddress: PlacedOrder }>> {
    return orders.request(UPDATE_SHIPPING_ADDRESS, { id, address }, caller);
  }

  it.each(['PENDING', 'AWAITING_PAYMENT', 'PAID'] as const)('lets the customer send a %s order elsewhere, without a status change or an event', async (status) => {
    const { customer, order } = await orderIn(status);
    const before = await readOrder(orders, order.id);
    const eventsBefore = await orders.outbox(order.id);
    const response = await readdress(order.id, customer);
    expect(response.errors).toBeUndefined();
    const changed = response.data!.updateShippingAddress;
    expect(changed).toMatchObject({ status, shippingAddress: STORED, history: before.history, createdAt: before.createdAt });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(await readOrder(orders, order.id)).toEqual(changed);
    // Nothing downstream reads the address, and subscriptions announce status changes only. By id:
    // the relay may mark the placement's events published meanwhile (publishedAt), which is no new event.
    expect((await orders.outbox(order.id)).map((event) => event.id)).toEqual(eventsBefore.map((event) => event.id));
  });

  it('lets an ADMIN change anyone’s, and the order ships to the new address', async () => {
    const { order } = await orderIn('PAID');
    const response = await readdress(order.id, orders.admin, { ...ADDRESS, line2: null, city: 'Wells' });
    expect(response.data?.updateShippingAddress.shippingAddress).toEqual({ ...ADDRESS, line2: null, city: 'Wells', country: 'GB' });
    expect((await updateStatus(order.id, 'SHIPPED')).data?.updateOrderStatus.shippingAddress).toMatchObject({ city: 'Wells' });
  });

  it('is FORBIDDEN to other customers, needs a signed-in caller, and is NOT_FOUND for an unknown order', async () => {
    const { customer, order } = await orderIn('PENDING');
    expectError(await readdress(order.id, await orders.customer()), 'FORBIDDEN');
    expectError(await readdress(order.id, undefined), 'UNAUTHENTICATED');
    expectError(await readdress(UNKNOWN_ID, customer), 'NOT_FOUND', { message: UNKNOWN_ID });
    expect((await readOrder(orders, order.id)).shippingAddress).toEqual({ ...ADDRESS, line2: null, country: 'GB' });
  });

  it.each([
    ['a blank first line', { ...ADDRESS, line1: ' ' }, 'address.line1'],
    ['a 201-character second line', { ...ADDRESS, line2: 'b'.repeat(201) }, 'address.line2'],
    ['a 101-character city', { ...ADDRESS, city: 'c'.repeat(101) }, 'address.city'],
    ['a postal code with other characters', { ...ADDRESS, postalCode: 'BA1_1AA' }, 'address.postalCode'],
    ['a country that is not two letters', { ...ADDRESS, country: 'GBR' }, 'address.country'],
  ])('refuses %s as placeOrder does, naming the field', async (_case, address, field) => {
    const { customer, order } = await orderIn('PENDING');
    expectError(await readdress(order.id, customer, address), 'BAD_USER_INPUT', { field });
    expectError(await readdress('order-1', customer), 'BAD_USER_INPUT', { field: 'id' });
    expect((await readOrder(orders, order.id)).updatedAt).toBe(order.updatedAt);
  });

  it('is a CONFLICT, naming the status, once the order has shipped or ended', async () => {
    const { customer, order: shipped } = await orderIn('SHIPPED');
    const { order: delivered } = await orderIn('DELIVERED');
    const { order: cancelled } = await orderIn('PENDING');
    await cancel(cancelled.id, orders.admin);
    expectError(await readdress(shipped.id, customer), 'CONFLICT', { message: 'SHIPPED' });
    for (const [order, status] of [[shipped, 'SHIPPED'], [delivered, 'DELIVERED'], [cancelled, 'CANCELLED']] as const) {
      expectError(await readdress(order.id, orders.admin), 'CONFLICT', { message: status });
      expect((await readOrder(orders, order.id)).shippingAddress).toMatchObject({ city: ADDRESS.city });
    }
  });

  it('racing the shipment, either changes the address the order then ships to or is a CONFLICT', async () => {
    for (let i = 0; i < 5; i++) {
      const { customer, order } = await orderIn('PAID');
      const [readdressed, shipped] = await Promise.all([readdress(order.id, customer), updateStatus(order.id, 'SHIPPED')]);
      expect(shipped.data?.updateOrderStatus.status).toBe('SHIPPED');
      const final = await readOrder(orders, order.id);
      if (readdressed.errors) {
        expectError(readdressed, 'CONFLICT', { message: 'SHIPPED' });
        expect(final.shippingAddress).toMatchObject({ city: ADDRESS.city });
      } else {
        expect(final.shippingAddress).toEqual(STORED);
      }
    }
  });
});
