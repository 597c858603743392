import { randomUUID } from 'node:crypto';
import { isUuid } from '@bookstore/subgraph-runtime';
import { errorCode, expectError, type GraphQLResponse } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersTable } from './db/schema.js';
import { ADDRESS, orderInput, PLACE_ORDER, placeOrder, type PlacedOrder } from './testing/documents.js';
import { startOrders, type Caller, type OrdersHarness } from './testing/harness.js';

let orders: OrdersHarness;
let customer: Caller;

beforeAll(async () => {
  orders = await startOrders({ kind: 'postgres' });
  customer = await orders.customer();
});
afterAll(() => orders?.stop());

/** As `customer` unless another caller, or null for nobody, is given; the books are known to orders unless `known` is false. */
async function place(input: unknown, key?: string, caller: Caller | null = customer, known = true): Promise<GraphQLResponse<{ placeOrder: PlacedOrder }>> {
  const items = (input as { items?: { bookId: unknown }[] }).items ?? [];
  if (known) await orders.knowBooks(items.map((item) => item.bookId).filter((id): id is string => typeof id === 'string' && isUuid(id)));
  return orders.request(PLACE_ORDER, { input, key }, caller ?? undefined);
}


async function ordersOf(customerId: string) {
  return orders.db.select({ id: ordersTable.id }).from(ordersTable).where(eq(ordersTable.customerId, customerId));
}

describe('placeOrder', () => {
  it('places a PENDING order with the normalised address, without prices', async () => {
    const input = { ...orderInput(3), shippingAddress: { ...ADDRESS, line1: ' 1 High Street ', line2: 'Flat 2', country: 'gb' } };
    const order = await placeOrder(orders, customer, input);
    expect(order).toMatchObject({
      status: 'PENDING',
      total: null,
      rejectionReason: null,
      customer: { id: customer.id },
      items: [{ book: { id: input.items[0]!.bookId }, quantity: 3, unitPrice: null }],
      shippingAddress: { line1: '1 High Street', line2: 'Flat 2', city: 'Bath', postalCode: 'BA1 1AA', country: 'GB' },
    });
    expect(order.updatedAt).toBe(order.createdAt);
  });

  it('needs a signed-in caller', async () => {
    expectError(await place(orderInput(), undefined, null), 'UNAUTHENTICATED');
  });

  const bookId = randomUUID();
  const line = { bookId, quantity: 1 };
  it.each<[string, Record<string, unknown>, string]>([
    ['no lines', { items: [] }, 'input.items'],
    ['51 lines', { items: Array.from({ length: 51 }, () => ({ bookId: randomUUID(), quantity: 1 })) }, 'input.items'],
    ['a book id that is no UUID', { items: [...Array.from({ length: 3 }, () => ({ bookId: randomUUID(), quantity: 1 })), { bookId: 'book-4', quantity: 1 }] }, 'input.items[3].bookId'],
    ['the same book on two lines', { items: [line, { bookId: bookId.toUpperCase(), quantity: 2 }] }, 'input.items[1].bookId'],
    ['a quantity of 0', { items: [{ bookId, quantity: 0 }] }, 'input.items[0].quantity'],
    ['a quantity of 101', { items: [{ bookId, quantity: 101 }] }, 'input.items[0].quantity'],
    ['a blank first address line', { shippingAddress: { ...ADDRESS, line1: ' ' } }, 'input.shippingAddress.line1'],
    ['a 201-character first address line', { shippingAddress: { ...ADDRESS, line1: 'a'.repeat(201) } }, 'input.shippingAddress.line1'],
    ['a 201-character second address line', { shippingAddress: { ...ADDRESS, line2: 'b'.repeat(201) } }, 'input.shippingAddress.line2'],
    ['a blank city', { shippingAddress: { ...ADDRESS, city: '' } }, 'input.shippingAddress.city'],
    ['a 101-character city', { shippingAddress: { ...ADDRESS, city: 'c'.repeat(101) } }, 'input.shippingAddress.city'],
    ['a blank postal code', { shippingAddress: { ...ADDRESS, postalCode: '' } }, 'input.shippingAddress.postalCode'],
    ['a 21-character postal code', { shippingAddress: { ...ADDRESS, postalCode: '9'.repeat(21) } }, 'input.shippingAddress.postalCode'],
    ['a postal code with other characters', { shippingAddress: { ...ADDRESS, postalCode: 'BA1_1AA' } }, 'input.shippingAddress.postalCode'],
    ['a country that is not two letters', { shippingAddress: { ...ADDRESS, country: 'GBR' } }, 'input.shippingAddress.country'],
  ])('rejects %s, naming the field', async (_case, change, field) => {
    const before = (await ordersOf(customer.id)).length;
    expectError(await place({ ...orderInput(), ...change }), 'BAD_USER_INPUT', { field: field });
    expect(await ordersOf(customer.id)).toHaveLength(before);
  });

  it("refuses a book the catalog never announced, naming the item, and stores nothing", async () => {
    const input = orderInput(1, 2, 1);
    await orders.knowBooks(input.items.slice(0, 2).map((item) => item.bookId));
    const before = (await ordersOf(customer.id)).length;
    const response = await place(input, undefined, customer, false);
    expectError(response, 'BAD_USER_INPUT', { field: 'input.items[2].bookId' });
    expect(response.errors?.[0]?.message).toContain(input.items[2]!.bookId);
    expect(await ordersOf(customer.id)).toHaveLength(before);
  });

  it('takes a book once book.changed announced it, and refuses it once it is deleted', async () => {
    const input = orderInput(1);
    const bookId = input.items[0]!.bookId;
    const announce = (deleted: boolean) => orders.deliver('book.changed', { bookId, title: 'Announced', description: null, deleted });
    const created = await announce(false);
    await expect.poll(() => orders.finishedJobs.has(created)).toBe(true);
    const key = `checkout-${randomUUID()}`;
    const placed = await place(input, key, customer, false);
    expect(placed.errors).toBeUndefined();

    const deleted = await announce(true);
    await expect.poll(() => orders.finishedJobs.has(deleted)).toBe(true);
    // A late, older change does not bring it back: the catalog never restores a deleted book.
    const late = await announce(false);
    await expect.poll(() => orders.finishedJobs.has(late)).toBe(true);
    const refused = await place(input, undefined, customer, false);
    expectError(refused, 'BAD_USER_INPUT', { field: 'input.items[0].bookId' });
    expect(refused.errors?.[0]?.message).toContain('no longer');
    // A retry of the first request still answers with its order.
    expect((await place(input, key, customer, false)).data?.placeOrder.id).toBe(placed.data?.placeOrder.id);
  });

  it('rejects an empty or 256-character idempotency key', async () => {
    expectError(await place(orderInput(), ''), 'BAD_USER_INPUT', { field: 'idempotencyKey' });
    expectError(await place(orderInput(), 'k'.repeat(256)), 'BAD_USER_INPUT', { field: 'idempotencyKey' });
  });

  it('refuses a price from the client: the schema has no such field', async () => {
    const response = await place({ ...orderInput(), items: [{ bookId, quantity: 1, unitPrice: '0.01' }] });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});

describe('placeOrder with an idempotency key', () => {
  it('returns the same order for the same request, however its lines are ordered', async () => {
    const caller = await orders.customer();
    const input = orderInput(1, 2);
    const key = `checkout-${randomUUID()}`;
    const first = await place(input, key, caller);
    const again = await place({ ...input, items: [...input.items].reverse(), shippingAddress: { ...ADDRESS, country: 'GB' } }, key, caller);
    expect(again.data?.placeOrder.id).toBe(first.data?.placeOrder.id);
    expect(again.data?.placeOrder.items).toEqual(first.data?.placeOrder.items);
    expect(await ordersOf(caller.id)).toHaveLength(1);
    // Only one order.placed: a retry is not a second order for the catalog.
    expect((await orders.outbox(first.data!.placeOrder.id)).filter((event) => event.name === 'order.placed')).toHaveLength(1);
  });

  it('is a CONFLICT when the key comes back with a different request', async () => {
    const caller = await orders.customer();
    const input = orderInput(1);
    const key = randomUUID();
    await place(input, key, caller);
    expectError(await place({ ...input, items: [{ ...input.items[0]!, quantity: 2 }] }, key, caller), 'CONFLICT', { field: 'idempotencyKey' });
    expectError(await place({ ...input, shippingAddress: { ...ADDRESS, city: 'Bristol' } }, key, caller), 'CONFLICT', { field: 'idempotencyKey' });
    expect(await ordersOf(caller.id)).toHaveLength(1);
  });

  it('keeps keys apart per customer', async () => {
    const [alice, bob] = [await orders.customer(), await orders.customer()];
    const input = orderInput(1);
    const a = await place(input, 'shared-key', alice);
    const b = await place(input, 'shared-key', bob);
    expect(a.data?.placeOrder.id).not.toBe(b.data?.placeOrder.id);
    expect(b.data?.placeOrder.customer.id).toBe(bob.id);
  });

  it('creates one order for ten concurrent calls with the same key', async () => {
    const caller = await orders.customer();
    const input = orderInput(1, 1, 1);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => place(input, key, caller)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(new Set(responses.map((response) => response.data?.placeOrder.id)).size).toBe(1);
    expect(await ordersOf(caller.id)).toHaveLength(1);
  });

  it('places a new order for each call without a key', async () => {
    const caller = await orders.customer();
    const input = orderInput(1);
    await Promise.all([place(input, undefined, caller), place(input, undefined, caller)]);
    expect(await ordersOf(caller.id)).toHaveLength(2);
  });
});
