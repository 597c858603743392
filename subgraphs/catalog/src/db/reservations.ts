import { Statements, type Database } from '@bookstore/subgraph-runtime';
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { UnavailableBook } from '../domain/reservation.js';
import { booksTable, reservationItemsTable, reservationsTable } from './schema.js';

export type ReservationStatus = (typeof reservationsTable.$inferSelect)['status'];
export type ReservationItem = typeof reservationItemsTable.$inferInsert;

/** The reservation's statements, built once (db-statements.ts). */
const statements = new Statements();

/** The first word on an order: true when this call created its reservation row (with `status`), false when one was there. */
export async function claimReservation(db: Database, orderId: string, status: ReservationStatus): Promise<boolean> {
  const claimed = await statements.run(
    db,
    'claim',
    (built) => built.insert(reservationsTable).values({ orderId: sql.placeholder('orderId'), status: sql.placeholder('status') }).onConflictDoNothing().returning({ orderId: reservationsTable.orderId }),
    { orderId, status },
  );
  return claimed.length > 0;
}

/** Locks an order's reservation row for a change of status. */
export async function lockReservation(db: Database, orderId: string): Promise<{ status: ReservationStatus } | undefined> {
  const [reservation] = await db.select({ status: reservationsTable.status }).from(reservationsTable).where(eq(reservationsTable.orderId, orderId)).for('update');
  return reservation;
}

export async function setReservationStatus(db: Database, orderId: string, status: ReservationStatus): Promise<void> {
  await db.update(reservationsTable).set({ status, updatedAt: new Date() }).where(eq(reservationsTable.orderId, orderId));
}

/**
 * Takes `quantity` copies of a live book if it has them: a conditional UPDATE (`stock >= quantity`),
 * so concurrent orders can never take stock below zero. Undefined when it has not.
 */
export async function takeStock(db: Database, bookId: string, quantity: number): Promise<{ title: string; priceCents: number; currency: string } | undefined> {
  const [book] = await statements.run(
    db,
    'take',
    (built) =>
      built
        .update(booksTable)
        .set({ stock: sql`${booksTable.stock} - ${sql.placeholder('quantity')}` })
        .where(and(eq(booksTable.id, sql.placeholder('bookId')), isNull(booksTable.deletedAt), gte(booksTable.stock, sql.placeholder('quantity'))))
        .returning({ title: booksTable.title, priceCents: booksTable.priceCents, currency: booksTable.currency }),
    { bookId, quantity },
  );
  return book;
}

export async function returnStock(db: Database, bookId: string, quantity: number): Promise<void> {
  await db.update(booksTable).set({ stock: sql`${booksTable.stock} + ${quantity}` }).where(eq(booksTable.id, bookId));
}

/** What a book that could not be taken looks like: its title and stock, or null when no live book has the id. */
export async function unavailableBook(db: Database, bookId: string): Promise<UnavailableBook> {
  const [book] = await db
    .select({ title: booksTable.title, stock: booksTable.stock })
    .from(booksTable)
    .where(and(eq(booksTable.id, bookId), isNull(booksTable.deletedAt)));
  return book ?? null;
}

export async function insertReservationItems(db: Database, items: ReservationItem[]): Promise<void> {
  const values: Record<string, unknown> = {};
  items.forEach((item, i) => Object.assign(values, { [`orderId${i}`]: item.orderId, [`bookId${i}`]: item.bookId, [`quantity${i}`]: item.quantity, [`unitPriceCents${i}`]: item.unitPriceCents, [`currency${i}`]: item.currency }));
  await statements.write(
    db,
    `items ${items.length}`,
    (built) =>
      built.insert(reservationItemsTable).values(
        items.map((_, i) => ({
          orderId: sql.placeholder(`orderId${i}`),
          bookId: sql.placeholder(`bookId${i}`),
          quantity: sql.placeholder(`quantity${i}`),
          unitPriceCents: sql.placeholder(`unitPriceCents${i}`),
          currency: sql.placeholder(`currency${i}`),
        })),
      ),
    values,
  );
}

/** An order's reserved lines, by book id (the order every reservation locks books in). */
export async function reservationItems(db: Database, orderId: string): Promise<ReservationItem[]> {
  return db.select().from(reservationItemsTable).where(eq(reservationItemsTable.orderId, orderId)).orderBy(reservationItemsTable.bookId);
}
