import { eventTables, instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { HoldStatus, LoanStatus } from '../domain/types.js';

export const loansSchema = pgSchema('loans');

export const { outboxTable, inboxTable } = eventTables(loansSchema);


/**
 * What loans knows about the catalog's books, learned only from `book.changed` events (it never
 * reads the catalog schema). Rows are never removed: a deleted book keeps its loans resolvable.
 */
export const booksTable = loansSchema.table('books', {
  id: uuid('id').primaryKey(),
  /** Used in messages to borrowers, so they see which book a rule is about. */
  title: text('title').notNull(),
  deleted: boolean('deleted').notNull().default(false),
  /** When the catalog made the change this row reflects; an older event arriving late is ignored. */
  changedAt: instant('changed_at').notNull(),
});

/**
 * The copies of a book the library lends. `onLoan` moves with every borrow and return in the same
 * transaction as the loan, and `setAside` (copies kept for READY holds) with every hold that
 * becomes or stops being READY, so the CHECK is the last line of defence against lending a copy
 * twice or lending one kept for someone. Every command that changes a book's loans, holds or
 * copies locks this row first, so they serialise per book and never deadlock on each other.
 */
export const lendingCopiesTable = loansSchema.table(
  'lending_copies',
  {
    bookId: uuid('book_id')
      .primaryKey()
      .references(() => booksTable.id),
    totalCopies: integer('total_copies').notNull(),
    onLoan: integer('on_loan').notNull().default(0),
    setAside: integer('set_aside').notNull().default(0),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('lending_copies_on_loan_within_total', sql`${t.onLoan} >= 0 and ${t.onLoan} <= ${t.totalCopies}`),
    check('lending_copies_lent_and_set_aside_within_total', sql`${t.setAside} >= 0 and ${t.onLoan} + ${t.setAside} <= ${t.totalCopies}`),
  ],
);

export const loansTable = loansSchema.table(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookId: uuid('book_id')
      .notNull()
      .references(() => booksTable.id),
    borrowerId: uuid('borrower_id').notNull(),
    status: text('status').$type<LoanStatus>().notNull(),
    borrowedAt: instant('borrowed_at').notNull(),
    dueAt: instant('due_at').notNull(),
    returnedAt: instant('returned_at'),
    renewals: integer('renewals').notNull().default(0),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('loans_status_known', sql`${t.status} in ('ACTIVE', 'OVERDUE', 'RETURNED')`),
    check('loans_returned_at_iff_returned', sql`(${t.status} = 'RETURNED') = (${t.returnedAt} is not null)`),
    check('loans_due_after_borrowed', sql`${t.dueAt} > ${t.borrowedAt}`),
    check('loans_renewals_non_negative', sql`${t.renewals} >= 0`),
    // Backs the "no second active loan of the same book" rule, which borrowBook checks first
    // under the borrower's lock to answer with a clear message.
    uniqueIndex('loans_one_open_loan_per_borrower_and_book').on(t.borrowerId, t.bookId).where(sql`status <> 'RETURNED'`),
    // Availability's nextDueAt: the earliest due date among a book's open loans.
    index('loans_open_by_book_idx').on(t.bookId, t.dueAt).where(sql`status <> 'RETURNED'`),
    // Listings, newest first: a borrower's (User.loans), by status and all (Query.loans).
    index('loans_borrower_borrowed_at_id_idx').on(t.borrowerId, t.borrowedAt, t.id),
    index('loans_status_borrowed_at_id_idx').on(t.status, t.borrowedAt, t.id),
    index('loans_borrowed_at_id_idx').on(t.borrowedAt, t.id),
  ],
);

/**
 * A member's place in a book's queue. WAITING holds are served oldest first (placedAt, then id);
 * a READY one has a copy counted in `lending_copies.set_aside` until it is FULFILLED, CANCELLED
 * or EXPIRED.
 */
export const holdsTable = loansSchema.table(
  'holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookId: uuid('book_id')
      .notNull()
      .references(() => booksTable.id),
    memberId: uuid('member_id').notNull(),
    status: text('status').$type<HoldStatus>().notNull(),
    placedAt: instant('placed_at').notNull(),
    readyAt: instant('ready_at'),
    pickupBy: instant('pickup_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('holds_status_known', sql`${t.status} in ('WAITING', 'READY', 'FULFILLED', 'CANCELLED', 'EXPIRED')`),
    check('holds_ready_has_pickup', sql`${t.status} <> 'READY' or (${t.readyAt} is not null and ${t.pickupBy} is not null)`),
    // Backs "one active hold per member and book", which placeHold checks first for a clear message.
    uniqueIndex('holds_one_active_hold_per_member_and_book').on(t.memberId, t.bookId).where(sql`status in ('WAITING', 'READY')`),
    // The queue: a book's WAITING holds in order (promotion, positions, holdsWaiting).
    index('holds_waiting_queue_idx').on(t.bookId, t.placedAt, t.id).where(sql`status = 'WAITING'`),
    // Listings, newest first: a member's (User.holds, MAX_ACTIVE_HOLDS), by book and status, and all (Query.holds).
    index('holds_member_placed_at_id_idx').on(t.memberId, t.placedAt, t.id),
    index('holds_book_placed_at_id_idx').on(t.bookId, t.placedAt, t.id),
    index('holds_status_placed_at_id_idx').on(t.status, t.placedAt, t.id),
    index('holds_placed_at_id_idx').on(t.placedAt, t.id),
  ],
);
