import { countPerOwner, pagePerOwner, pastTimeIdCursor, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Hold, HoldStatus } from '../domain/types.js';
import { holdsTable } from './schema.js';

export type HoldRow = Hold;

/** Every column a `Hold` is resolved from. */
const holdColumns = {
  id: holdsTable.id,
  bookId: holdsTable.bookId,
  memberId: holdsTable.memberId,
  status: holdsTable.status,
  placedAt: holdsTable.placedAt,
  readyAt: holdsTable.readyAt,
  pickupBy: holdsTable.pickupBy,
};

const ACTIVE: HoldStatus[] = ['WAITING', 'READY'];

/** The database's clock, as for loans (see loans.ts): pickup deadlines are compared with it. */
const databaseNow = sql<Date>`now()`.mapWith(holdsTable.placedAt);

/**
 * A hold's book, read without a lock: a hold never changes book, so a command can lock that
 * book's copies first (the one lock order every command keeps) and the hold after.
 */
export async function bookOfHold(db: Database, id: string): Promise<string | undefined> {
  const [row] = await db.select({ bookId: holdsTable.bookId }).from(holdsTable).where(eq(holdsTable.id, id));
  return row?.bookId;
}

/** Locks a hold for a change (cancel, expiry, fulfilment), with the database's now. */
export async function lockHold(db: Database, id: string): Promise<{ hold: HoldRow; now: Date } | undefined> {
  const [row] = await db
    .select({ ...holdColumns, now: databaseNow })
    .from(holdsTable)
    .where(eq(holdsTable.id, id))
    .for('update');
  if (!row) return undefined;
  const { now, ...hold } = row;
  return { hold, now };
}

/** A member's WAITING and READY holds (placeHold's and borrowBook's rules), read under the member's lock. */
export async function activeHoldsOfMember(db: Database, memberId: string): Promise<HoldRow[]> {
  return db
    .select(holdColumns)
    .from(holdsTable)
    .where(and(eq(holdsTable.memberId, memberId), inArray(holdsTable.status, ACTIVE)));
}

/**
 * Joins the queue. `clock_timestamp()` rather than the transaction's start: placeHold waits on
 * the book's copies row, so the moment after that wait is the order members really joined in.
 */
export async function insertHold(db: Database, hold: Pick<HoldRow, 'bookId' | 'memberId'>): Promise<HoldRow> {
  const [row] = await db
    .insert(holdsTable)
    .values({ ...hold, status: 'WAITING', placedAt: sql`clock_timestamp()` })
    .returning(holdColumns);
  return row!;
}

export async function updateHold(db: Database, id: string, changes: Partial<Pick<HoldRow, 'status' | 'readyAt' | 'pickupBy'>>): Promise<HoldRow> {
  const [row] = await db
    .update(holdsTable)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(holdsTable.id, id))
    .returning(holdColumns);
  return row!;
}

/** The first `count` WAITING holds of a book's queue, locked; the caller holds the book's copies row. */
export async function headOfQueue(db: Database, bookId: string, count: number): Promise<HoldRow[]> {
  return db
    .select(holdColumns)
    .from(holdsTable)
    .where(and(eq(holdsTable.bookId, bookId), eq(holdsTable.status, 'WAITING')))
    .orderBy(asc(holdsTable.placedAt), asc(holdsTable.id))
    .limit(count)
    .for('update');
}

/** Whether anyone waits for a book (renewLoan's rule). */
export async function hasWaitingHolds(db: Database, bookId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: holdsTable.id })
    .from(holdsTable)
    .where(and(eq(holdsTable.bookId, bookId), eq(holdsTable.status, 'WAITING')))
    .limit(1);
  return row !== undefined;
}

export async function holdsByIds(db: Database, ids: readonly string[]): Promise<HoldRow[]> {
  return db.select(holdColumns).from(holdsTable).where(inArray(holdsTable.id, [...ids]));
}

/**
 * The queue positions (1 is next) of those of `ids` that are WAITING, in one statement: each
 * book's WAITING holds numbered in queue order, so positions are gapless whatever left the queue.
 */
export async function positionsOfHolds(db: Database, ids: readonly string[]): Promise<{ id: string; position: number }[]> {
  const queued = db
    .select({
      id: holdsTable.id,
      position: sql<number>`row_number() over (partition by ${holdsTable.bookId} order by ${holdsTable.placedAt}, ${holdsTable.id})::int`.as('position'),
    })
    .from(holdsTable)
    .where(
      and(
        eq(holdsTable.status, 'WAITING'),
        inArray(holdsTable.bookId, db.select({ bookId: holdsTable.bookId }).from(holdsTable).where(inArray(holdsTable.id, [...ids]))),
      ),
    )
    .as('queued');
  return db.select({ id: queued.id, position: queued.position }).from(queued).where(inArray(queued.id, [...ids]));
}

export interface HoldPageQuery extends PageQuery<TimeIdCursor> {
  /** Only holds of this status; null for all. */
  status: HoldStatus | null;
}

export interface HoldListQuery extends HoldPageQuery {
  /** Only holds of this book; null for all. */
  bookId: string | null;
}

const withStatus = (status: HoldStatus | null) => (status === null ? undefined : eq(holdsTable.status, status));
const ofBook = (bookId: string | null) => (bookId === null ? undefined : eq(holdsTable.bookId, bookId));

// Query.holds lists in queue order (oldest first), User.holds newest first.
const placedAfter = (after: TimeIdCursor | null) => pastTimeIdCursor(holdsTable.placedAt, holdsTable.id, after, 'asc');
const placedBefore = (after: TimeIdCursor | null) => pastTimeIdCursor(holdsTable.placedAt, holdsTable.id, after, 'desc');

/** Query.holds: every member's holds (of one book and status, when given), oldest placed first: the queue's order. */
export async function listHolds(db: Database, { bookId, status, after, limit }: HoldListQuery): Promise<HoldRow[]> {
  return db
    .select(holdColumns)
    .from(holdsTable)
    .where(and(ofBook(bookId), withStatus(status), placedAfter(after)))
    .orderBy(asc(holdsTable.placedAt), asc(holdsTable.id))
    .limit(limit);
}

export async function countHolds(db: Database, bookId: string | null, status: HoldStatus | null): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(holdsTable)
    .where(and(ofBook(bookId), withStatus(status)));
  return row?.count ?? 0;
}

/** One page of holds (newest first) for each of several members, in a single statement. */
export async function holdsOfMembers(db: Database, memberIds: readonly string[], { status, after, limit }: HoldPageQuery): Promise<HoldRow[]> {
  return pagePerOwner<HoldRow>(db, { owner: holdsTable.memberId, orderBy: sql`${holdsTable.placedAt} desc, ${holdsTable.id} desc`, limit }, (rowNumber) =>
    db
      .select({ ...holdColumns, rowNumber })
      .from(holdsTable)
      .where(and(inArray(holdsTable.memberId, [...memberIds]), withStatus(status), placedBefore(after))),
  );
}

export function holdCountsOfMembers(db: Database, memberIds: readonly string[], status: HoldStatus | null) {
  return countPerOwner(db, holdsTable, holdsTable.memberId, memberIds, withStatus(status));
}
