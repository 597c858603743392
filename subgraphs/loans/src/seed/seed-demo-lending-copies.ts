import { event } from '@bookstore/events';
import { writeEvents, type Database } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { booksTable, holdsTable, lendingCopiesTable, loansTable, outboxTable } from '../db/schema.js';
import { dueDateOf, dueSoonNoticeOf } from '../domain/due-dates.js';
import { readyFrom } from '../domain/holds.js';
import { defaultLoanRules } from '../domain/rules.js';

/** Demo books get 1, 2 or 3 copies in turn: some run out after a single loan, some do not. */
const demoCopiesAt = (index: number): number => 1 + (index % 3);

/** Two demo members: a reader whose holds show in the walkthrough, and someone else who borrows. */
export interface DemoMembers {
  reader: string;
  borrower: string;
}

/**
 * Puts the demo catalogue's books on the lending shelves: each into the local view of books (their
 * `book.changed` events may still be on the way) with 1 to 3 copies. Does nothing once any book has
 * lending copies, so every start of the embedded mode can call it. Given demo members, the library
 * also has a queue to show: the first single-copy book lent to `borrower` with `reader` WAITING
 * for it, and the second set aside for `reader` (READY).
 */
export async function seedDemoLendingCopies(db: Database, books: { id: string; title: string }[], members?: DemoMembers): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    // Two processes starting together on one database must not both see "no copies" and seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('loans:seed-demo-lending-copies'))`);
    const [anyCopies] = await tx.select({ bookId: lendingCopiesTable.bookId }).from(lendingCopiesTable).limit(1);
    if (anyCopies || books.length === 0) return { inserted: 0 };
    // Dated at the epoch, so any real book.changed event, even an older one arriving late, wins.
    await tx
      .insert(booksTable)
      .values(books.map((book) => ({ id: book.id, title: book.title, changedAt: new Date(0) })))
      .onConflictDoNothing();
    await tx.insert(lendingCopiesTable).values(books.map((book, index) => ({ bookId: book.id, totalCopies: demoCopiesAt(index) })));
    const [lent, setAside] = books.filter((_, index) => demoCopiesAt(index) === 1);
    if (members && lent && setAside) await seedDemoQueue(tx, members, lent.id, setAside.id);
    return { inserted: books.length };
  });
}

/** Whether any book has lending copies yet: the demo seed then needs no member ids. */
export async function hasLendingCopies(db: Pick<Database, 'select'>): Promise<boolean> {
  const [anyCopies] = await db.select({ bookId: lendingCopiesTable.bookId }).from(lendingCopiesTable).limit(1);
  return anyCopies !== undefined;
}

/**
 * The demo queue, written as the commands would (counters, rows and their delayed events), with
 * the default rules: the seed runs before any subgraph's settings are known.
 */
async function seedDemoQueue(tx: Database, { reader, borrower }: DemoMembers, lentBookId: string, setAsideBookId: string): Promise<void> {
  const now = new Date();
  const [loan] = await tx
    .insert(loansTable)
    .values({ bookId: lentBookId, borrowerId: borrower, status: 'ACTIVE', borrowedAt: now, dueAt: dueDateOf(now, defaultLoanRules) })
    .returning({ id: loansTable.id, dueAt: loansTable.dueAt });
  await tx.insert(holdsTable).values({ bookId: lentBookId, memberId: reader, status: 'WAITING', placedAt: now });
  const ready = readyFrom(now, defaultLoanRules);
  const [hold] = await tx.insert(holdsTable).values({ bookId: setAsideBookId, memberId: reader, placedAt: now, ...ready }).returning({ id: holdsTable.id });
  await tx.execute(sql`update ${lendingCopiesTable} set on_loan = 1 where book_id = ${lentBookId}`);
  await tx.execute(sql`update ${lendingCopiesTable} set set_aside = 1 where book_id = ${setAsideBookId}`);
  await writeEvents(tx, { outboxTable }, [event('loan.due', { loanId: loan!.id }, loan!.dueAt), dueSoonNoticeOf(loan!), event('hold.pickup_due', { holdId: hold!.id }, ready.pickupBy)]);
}
