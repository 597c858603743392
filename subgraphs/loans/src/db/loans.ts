import { countPerOwner, pagePerOwner, pastTimeIdCursor, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Loan, LoanStatus, OpenLoan } from '../domain/types.js';
import { loansTable } from './schema.js';

export type LoanRow = Loan;

/** Every column a `Loan` is resolved from. */
const loanColumns = {
  id: loansTable.id,
  bookId: loansTable.bookId,
  borrowerId: loansTable.borrowerId,
  status: loansTable.status,
  borrowedAt: loansTable.borrowedAt,
  dueAt: loansTable.dueAt,
  returnedAt: loansTable.returnedAt,
  renewals: loansTable.renewals,
};

/**
 * The database's clock. Every due-date decision uses it, as the outbox relay does when it
 * publishes a `loan.due` event once its time has come; replicas' own clocks may disagree.
 */
const nowColumn = sql<Date>`now()`.mapWith(loansTable.dueAt);

/** The database's now, for a command that locks no loan (see `nowColumn` above). */
export async function databaseNow(db: Database): Promise<Date> {
  const [row] = await db.select({ now: nowColumn }).from(sql`(select 1) as clock`);
  return row!.now;
}

/**
 * Serialises the borrows of one borrower until the transaction ends, so two concurrent borrows
 * each see the other's loan and cannot pass MAX_ACTIVE_LOANS together (a hash collision between
 * two borrowers only makes them wait for each other). Returns the database's now.
 */
export async function lockBorrower(db: Database, borrowerId: string): Promise<Date> {
  const [row] = await db.select({ now: nowColumn }).from(sql`pg_advisory_xact_lock(hashtext(${`loans:borrower:${borrowerId}`}))`);
  return row!.now;
}

/**
 * A loan's book, read without a lock: a loan never changes book, so a command can lock that
 * book's copies first (the one lock order every command keeps) and the loan after.
 */
export async function bookOfLoan(db: Database, id: string): Promise<string | undefined> {
  const [row] = await db.select({ bookId: loansTable.bookId }).from(loansTable).where(eq(loansTable.id, id));
  return row?.bookId;
}

/** Locks a loan for a change (return, renewal, OVERDUE), with the database's now. */
export async function lockLoan(db: Database, id: string): Promise<{ loan: LoanRow; now: Date } | undefined> {
  const [row] = await db
    .select({ ...loanColumns, now: nowColumn })
    .from(loansTable)
    .where(eq(loansTable.id, id))
    .for('update');
  if (!row) return undefined;
  const { now, ...loan } = row;
  return { loan, now };
}

export async function openLoansOfBorrower(db: Database, borrowerId: string): Promise<OpenLoan[]> {
  return db
    .select({ id: loansTable.id, bookId: loansTable.bookId, status: loansTable.status, dueAt: loansTable.dueAt })
    .from(loansTable)
    .where(and(eq(loansTable.borrowerId, borrowerId), ne(loansTable.status, 'RETURNED')));
}

export async function insertLoan(db: Database, loan: Pick<LoanRow, 'bookId' | 'borrowerId' | 'borrowedAt' | 'dueAt'>): Promise<LoanRow> {
  const [row] = await db
    .insert(loansTable)
    .values({ ...loan, status: 'ACTIVE' })
    .returning(loanColumns);
  return row!;
}

export async function updateLoan(db: Database, id: string, changes: Partial<Pick<LoanRow, 'status' | 'dueAt' | 'returnedAt' | 'renewals'>>): Promise<LoanRow> {
  const [row] = await db
    .update(loansTable)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(loansTable.id, id))
    .returning(loanColumns);
  return row!;
}

export async function loansByIds(db: Database, ids: readonly string[]): Promise<LoanRow[]> {
  return db.select(loanColumns).from(loansTable).where(inArray(loansTable.id, [...ids]));
}

export interface LoanPageQuery extends PageQuery<TimeIdCursor> {
  /** Only loans of this status; null for all. */
  status: LoanStatus | null;
}

const withStatus = (status: LoanStatus | null) => (status === null ? undefined : eq(loansTable.status, status));

// Newest first, so "after the cursor" means older.
const olderThan = (after: TimeIdCursor | null) => pastTimeIdCursor(loansTable.borrowedAt, loansTable.id, after, 'desc');

/** Query.loans: every borrower's loans (of one status, when given), newest first. */
export async function listLoans(db: Database, { status, after, limit }: LoanPageQuery): Promise<LoanRow[]> {
  return db
    .select(loanColumns)
    .from(loansTable)
    .where(and(withStatus(status), olderThan(after)))
    .orderBy(desc(loansTable.borrowedAt), desc(loansTable.id))
    .limit(limit);
}

export async function countLoans(db: Database, status: LoanStatus | null): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(loansTable).where(withStatus(status));
  return row?.count ?? 0;
}

/** One page of loans (newest first) for each of several borrowers, in a single statement. */
export async function loansOfBorrowers(db: Database, borrowerIds: readonly string[], { status, after, limit }: LoanPageQuery): Promise<LoanRow[]> {
  return pagePerOwner<LoanRow>(db, { owner: loansTable.borrowerId, orderBy: sql`${loansTable.borrowedAt} desc, ${loansTable.id} desc`, limit }, (rowNumber) =>
    db
      .select({ ...loanColumns, rowNumber })
      .from(loansTable)
      .where(and(inArray(loansTable.borrowerId, [...borrowerIds]), withStatus(status), olderThan(after))),
  );
}

export function loanCountsOfBorrowers(db: Database, borrowerIds: readonly string[], status: LoanStatus | null) {
  return countPerOwner(db, loansTable, loansTable.borrowerId, borrowerIds, withStatus(status));
}
