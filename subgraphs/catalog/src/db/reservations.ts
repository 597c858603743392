import { event, priceLines, type Database, type SubgraphEvents } from '@bookstore/kit';
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { limitReason, normaliseLines, rejectionReason, type RequestedLine } from '../domain/reservation.js';
import { booksTable, reservationItemsTable, reservationsTable } from './schema.js';

/** Why an order cannot be reserved; `bookId` names the line at fault, null when it is the whole order. */
class LineUnavailable extends Error {
  constructor(readonly reason: string, readonly bookId: string | null) {
    super(reason);
  }
}

/**
 * order.placed: reserve every line or none. Each line is a conditional UPDATE
 * (`stock >= quantity`), so concurrent orders can never take stock below zero; a line that
 * fails rolls the savepoint back, so a rejected order holds nothing. The prices, quantities and
 * total are checked against the kit's money bounds here, where prices first meet quantities: an
 * order over them is rejected with its reason, never priced into an event no one can take.
 */
export async function reserveStock(tx: Database, events: SubgraphEvents, orderId: string, lines: readonly RequestedLine[]): Promise<void> {
  const claimed = await tx.insert(reservationsTable).values({ orderId, status: 'RESERVED' }).onConflictDoNothing().returning();
  if (claimed.length === 0) return; // cancelled before it was placed, or reserved already
  try {
    const reserved = await tx.transaction(async (savepoint) => {
      const items = [];
      const titles = [];
      for (const line of normaliseLines(lines)) {
        const [book] = await savepoint
          .update(booksTable)
          .set({ stock: sql`${booksTable.stock} - ${line.quantity}` })
          .where(and(eq(booksTable.id, line.bookId), isNull(booksTable.deletedAt), gte(booksTable.stock, line.quantity)))
          .returning({ title: booksTable.title, priceCents: booksTable.priceCents, currency: booksTable.currency });
        if (!book) throw new LineUnavailable(rejectionReason(line, await unavailableBook(savepoint, line.bookId)), line.bookId);
        items.push({ orderId, bookId: line.bookId, quantity: line.quantity, unitPriceCents: book.priceCents, currency: book.currency });
        titles.push(book.title);
      }
      const priced = priceLines(items);
      if (!priced.ok) {
        const atFault = priced.line === null ? null : { bookId: items[priced.line]!.bookId, title: titles[priced.line]! };
        throw new LineUnavailable(limitReason(priced.problem, atFault?.title ?? null), atFault?.bookId ?? null);
      }
      await savepoint.insert(reservationItemsTable).values(items);
      return items;
    });
    await events.write(tx, [event('stock.reserved', { orderId, items: reserved.map(({ orderId: _, ...item }) => item) })]);
  } catch (error) {
    if (!(error instanceof LineUnavailable)) throw error;
    await tx.update(reservationsTable).set({ status: 'REJECTED', updatedAt: new Date() }).where(eq(reservationsTable.orderId, orderId));
    await events.write(tx, [event('stock.rejected', { orderId, reason: error.reason, bookId: error.bookId })]);
  }
}

async function unavailableBook(tx: Database, bookId: string) {
  const [book] = await tx
    .select({ title: booksTable.title, stock: booksTable.stock })
    .from(booksTable)
    .where(and(eq(booksTable.id, bookId), isNull(booksTable.deletedAt)));
  return book ?? null;
}

/**
 * order.cancelled (or order.refunded before shipping): give back what the order holds, exactly
 * once, whichever comes and however often. A cancel that arrives before its order.placed leaves a
 * CANCELLED row so the late placement reserves nothing.
 */
export async function releaseStock(tx: Database, orderId: string): Promise<void> {
  const tombstone = await tx.insert(reservationsTable).values({ orderId, status: 'CANCELLED' }).onConflictDoNothing().returning();
  if (tombstone.length > 0) return;
  const [reservation] = await tx.select().from(reservationsTable).where(eq(reservationsTable.orderId, orderId)).for('update');
  if (reservation?.status !== 'RESERVED') return;
  const items = await tx.select().from(reservationItemsTable).where(eq(reservationItemsTable.orderId, orderId)).orderBy(reservationItemsTable.bookId);
  for (const item of items) {
    await tx.update(booksTable).set({ stock: sql`${booksTable.stock} + ${item.quantity}` }).where(eq(booksTable.id, item.bookId));
  }
  await tx.update(reservationsTable).set({ status: 'RELEASED', updatedAt: new Date() }).where(eq(reservationsTable.orderId, orderId));
}
