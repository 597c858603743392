import { event, priceLines } from '@bookstore/events';
import { type Database, type Emit } from '@bookstore/subgraph-runtime';
import { claimReservation, insertReservationItems, setReservationStatus, takeStock, unavailableBook } from '../db/reservations.js';
import { limitReason, normaliseLines, rejectionReason, type RequestedLine } from '../domain/reservation.js';

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
export async function reserveStock(tx: Database, emit: Emit, orderId: string, lines: readonly RequestedLine[]): Promise<void> {
  if (!(await claimReservation(tx, orderId, 'RESERVED'))) return; // cancelled before it was placed, or reserved already
  try {
    const reserved = await tx.transaction(async (savepoint) => {
      const items = [];
      const titles = [];
      for (const line of normaliseLines(lines)) {
        const book = await takeStock(savepoint, line.bookId, line.quantity);
        if (!book) throw new LineUnavailable(rejectionReason(line, await unavailableBook(savepoint, line.bookId)), line.bookId);
        items.push({ orderId, bookId: line.bookId, quantity: line.quantity, unitPriceCents: book.priceCents, currency: book.currency });
        titles.push(book.title);
      }
      const priced = priceLines(items);
      if (!priced.ok) {
        const atFault = priced.line === null ? null : { bookId: items[priced.line]!.bookId, title: titles[priced.line]! };
        throw new LineUnavailable(limitReason(priced.problem, atFault?.title ?? null), atFault?.bookId ?? null);
      }
      return items;
    });
    // The lines are written once every line was taken, with the event: one round trip for both.
    await Promise.all([insertReservationItems(tx, reserved), emit(event('stock.reserved', { orderId, items: reserved.map(({ orderId: _, ...item }) => item) }))]);
  } catch (error) {
    if (!(error instanceof LineUnavailable)) throw error;
    await setReservationStatus(tx, orderId, 'REJECTED');
    await emit(event('stock.rejected', { orderId, reason: error.reason, bookId: error.bookId }));
  }
}
