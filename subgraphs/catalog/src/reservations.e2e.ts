import { randomUUID } from 'node:crypto';
import { MAX_LINE_QUANTITY, MAX_PRICE_CENTS, type EventEnvelope } from '@bookstore/events';
import type { TargetKind } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booksTable, inboxTable, reservationsTable } from './db/schema.js';
import { startCatalog, type CatalogHarness } from './testing/harness.js';

// The catalog's part of the order saga, driven through its real queue as the orders subgraph
// would drive it: PostgreSQL + bullmq on Redis, and PGlite + the in-process queue.
describe.each<TargetKind>(['postgres', 'pglite'])('stock reservations on %s', (kind) => {
  let catalog: CatalogHarness;
  const answers = new Map<string, EventEnvelope>();

  beforeAll(async () => {
    // Eight jobs at once, so concurrent orders for one book really race for its stock.
    catalog = await startCatalog(kind, { concurrency: 8 });
    // Stand in for the orders subgraph: collect what the catalog answers.
    catalog.messaging.queue.process('orders', async (job) => {
      const envelope = job.data as EventEnvelope<'stock.reserved' | 'stock.rejected'>;
      answers.set(envelope.payload.orderId, envelope);
    });
  });
  afterAll(() => catalog?.stop());

  const addBook = async (stock: number, priceCents = 1250) => {
    const [book] = await catalog.db.insert(booksTable).values({ title: `Book ${randomUUID().slice(0, 8)}`, priceCents, stock }).returning();
    return book!;
  };
  const stockOf = async (bookId: string) => (await catalog.db.select().from(booksTable).where(eq(booksTable.id, bookId)))[0]!.stock;
  const send = async (name: 'order.placed' | 'order.cancelled' | 'order.refunded', payload: object, id: string = randomUUID()) => {
    await catalog.messaging.queue.add('catalog', { id, name, data: { id, name, payload, occurredAt: new Date().toISOString(), source: 'orders' } });
    return id;
  };
  const handled = async (eventId: string) =>
    (await catalog.db.select().from(inboxTable).where(eq(inboxTable.eventId, eventId))).length === 1;
  const place = (orderId: string, items: { bookId: string; quantity: number }[]) => send('order.placed', { orderId, customerId: randomUUID(), items });
  const cancel = (orderId: string, id?: string) => send('order.cancelled', { orderId, customerId: randomUUID(), reason: null }, id);

  it('50 concurrent orders for a book with stock 10: exactly 10 reserved at its price, 40 rejected, stock 0', async () => {
    const book = await addBook(10, 1999);
    const orders = Array.from({ length: 50 }, () => randomUUID());
    await Promise.all(orders.map((orderId) => place(orderId, [{ bookId: book.id, quantity: 1 }])));
    await expect.poll(() => orders.filter((id) => answers.has(id)).length, { timeout: 20_000 }).toBe(50);
    const outcomes = orders.map((id) => answers.get(id)!);
    const reserved = outcomes.filter((e) => e.name === 'stock.reserved');
    expect(reserved).toHaveLength(10);
    expect(outcomes.filter((e) => e.name === 'stock.rejected')).toHaveLength(40);
    expect(reserved[0]!.payload).toMatchObject({ items: [{ bookId: book.id, quantity: 1, unitPriceCents: 1999, currency: 'USD' }] });
    expect(await stockOf(book.id)).toBe(0);
  });

  it('reserves every line or none, naming the book that is short', async () => {
    const plenty = await addBook(5);
    const scarce = await addBook(1);
    const orderId = randomUUID();
    await place(orderId, [
      { bookId: plenty.id, quantity: 2 },
      { bookId: scarce.id, quantity: 2 },
    ]);
    await expect.poll(() => answers.get(orderId)?.name).toBe('stock.rejected');
    expect(answers.get(orderId)!.payload).toMatchObject({ bookId: scarce.id, reason: `OUT_OF_STOCK: "${scarce.title}" has 1 in stock; 2 requested.` });
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([5, 1]);

    const unknown = randomUUID();
    const ghost = randomUUID();
    await place(ghost, [{ bookId: unknown, quantity: 1 }]);
    await expect.poll(() => answers.get(ghost)?.payload).toMatchObject({ bookId: unknown, reason: `OUT_OF_STOCK: book ${unknown} does not exist.` });
  });

  it('reserves an order at the most one order may total, and rejects one a cent above it, holding nothing', async () => {
    const dearest = await addBook(MAX_LINE_QUANTITY + 1, MAX_PRICE_CENTS);
    const largest = randomUUID();
    await place(largest, [{ bookId: dearest.id, quantity: MAX_LINE_QUANTITY }]);
    await expect.poll(() => answers.get(largest)?.name).toBe('stock.reserved');
    expect(answers.get(largest)!.payload).toMatchObject({ items: [{ quantity: MAX_LINE_QUANTITY, unitPriceCents: MAX_PRICE_CENTS }] });

    const cent = await addBook(1, 1);
    const again = await addBook(MAX_LINE_QUANTITY, MAX_PRICE_CENTS);
    const tooLarge = randomUUID();
    await place(tooLarge, [
      { bookId: again.id, quantity: MAX_LINE_QUANTITY },
      { bookId: cent.id, quantity: 1 },
    ]);
    await expect.poll(() => answers.get(tooLarge)?.name).toBe('stock.rejected');
    expect(answers.get(tooLarge)!.payload).toEqual({
      orderId: tooLarge,
      bookId: null,
      reason: 'ORDER_LIMIT: the order would total 100000000.01, above the most one order may total (100000000.00).',
    });
    expect([await stockOf(again.id), await stockOf(cent.id)]).toEqual([MAX_LINE_QUANTITY, 1]);
    const [reservation] = await catalog.db.select().from(reservationsTable).where(eq(reservationsTable.orderId, tooLarge));
    expect(reservation?.status).toBe('REJECTED');
  });

  it('rejects a line whose book was priced above the bound before there was one, naming the book', async () => {
    const legacy = await addBook(5, 2_000_000_000);
    const orderId = randomUUID();
    await place(orderId, [{ bookId: legacy.id, quantity: 1 }]);
    await expect.poll(() => answers.get(orderId)?.payload).toEqual({
      orderId,
      bookId: legacy.id,
      reason: `ORDER_LIMIT: "${legacy.title}": its price, 20000000.00, is above the most a book may cost (1000000.00).`,
    });
    expect(await stockOf(legacy.id)).toBe(5);
  });

  it('releases stock exactly once however often the cancel is delivered', async () => {
    const book = await addBook(3);
    const orderId = randomUUID();
    await place(orderId, [{ bookId: book.id, quantity: 2 }]);
    await expect.poll(() => answers.get(orderId)?.name).toBe('stock.reserved');
    expect(await stockOf(book.id)).toBe(1);
    const cancelEvent = randomUUID();
    await cancel(orderId, cancelEvent);
    await catalog.messaging.queue.add('catalog', {
      id: `${cancelEvent}-again`,
      name: 'order.cancelled',
      data: { id: cancelEvent, name: 'order.cancelled', payload: { orderId, customerId: randomUUID(), reason: null }, occurredAt: new Date().toISOString(), source: 'orders' },
    });
    await cancel(orderId); // a second, distinct cancel event for the same order
    await expect.poll(async () => (await catalog.db.select().from(reservationsTable).where(eq(reservationsTable.orderId, orderId)))[0]?.status).toBe('RELEASED');
    const sentinel = randomUUID();
    await place(sentinel, [{ bookId: book.id, quantity: 1 }]);
    await expect.poll(() => answers.get(sentinel)?.name).toBe('stock.reserved');
    expect(await stockOf(book.id)).toBe(2); // 3 - 2 + 2 (released once) - 1
  });

  it('releases the stock of an order refunded in full before it shipped, once, and keeps it for one that had shipped', async () => {
    const book = await addBook(5);
    const [unshipped, shipped] = [randomUUID(), randomUUID()];
    await place(unshipped, [{ bookId: book.id, quantity: 2 }]);
    await place(shipped, [{ bookId: book.id, quantity: 1 }]);
    await expect.poll(() => [answers.get(unshipped)?.name, answers.get(shipped)?.name]).toEqual(['stock.reserved', 'stock.reserved']);
    expect(await stockOf(book.id)).toBe(2);

    const refund = await send('order.refunded', { orderId: unshipped, customerId: randomUUID(), shipped: false });
    const again = await send('order.refunded', { orderId: unshipped, customerId: randomUUID(), shipped: false });
    const late = await send('order.refunded', { orderId: shipped, customerId: randomUUID(), shipped: true });
    await expect.poll(async () => (await Promise.all([refund, again, late].map(handled))).every(Boolean)).toBe(true);
    expect(await stockOf(book.id)).toBe(4);
    const statusOf = async (orderId: string) => (await catalog.db.select().from(reservationsTable).where(eq(reservationsTable.orderId, orderId)))[0]?.status;
    expect([await statusOf(unshipped), await statusOf(shipped)]).toEqual(['RELEASED', 'RESERVED']);
  });

  it('reserves nothing for an order whose cancel arrived first', async () => {
    const book = await addBook(4);
    const orderId = randomUUID();
    await cancel(orderId);
    await expect.poll(async () => (await catalog.db.select().from(reservationsTable).where(eq(reservationsTable.orderId, orderId)))[0]?.status).toBe('CANCELLED');
    const late = await place(orderId, [{ bookId: book.id, quantity: 4 }]);
    await expect.poll(() => handled(late)).toBe(true);
    expect(answers.has(orderId)).toBe(false);
    expect(await stockOf(book.id)).toBe(4);
  });
});
