import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, type TestCaller } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { borrow, BORROW, CANCEL_HOLD, HOLDS, placeHold, PLACE_HOLD, RETURN, type HoldView, type LoanView } from './testing/documents.js';
import { startLoans, type LoansHarness } from './testing/harness.js';

/** Generous: a loaded machine runs dozens of transactions queued on one row lock. */
const SETTLE = { timeout: 120_000, interval: 100 };
/** Per test: a second subgraph starts, then the expiry chain runs out. */
const LONG_TEST_MS = 300_000;

/** A book's counters beside what its loans and holds rows say. */
type BookLedger = {
  total: number;
  onLoan: number;
  setAside: number;
  openLoans: number;
  ready: number;
  waiting: number;
};

async function ledgerOf(loans: LoansHarness, bookId: string): Promise<BookLedger> {
  const [row] = await queryRows<BookLedger>(
    loans.db,
    sql`select total_copies as total, on_loan as "onLoan", set_aside as "setAside",
          (select count(*)::int from loans.loans where book_id = ${bookId} and status <> 'RETURNED') as "openLoans",
          (select count(*)::int from loans.holds where book_id = ${bookId} and status = 'READY') as ready,
          (select count(*)::int from loans.holds where book_id = ${bookId} and status = 'WAITING') as waiting
        from loans.lending_copies where book_id = ${bookId}`,
  );
  return row!;
}

/**
 * Every copy is free, set aside once (one READY hold each) or on loan once (one open loan each),
 * and a free copy never sits beside a WAITING hold.
 */
function expectConsistent(ledger: BookLedger): void {
  expect(ledger.onLoan).toBe(ledger.openLoans);
  expect(ledger.setAside).toBe(ledger.ready);
  expect(ledger.onLoan + ledger.setAside).toBeLessThanOrEqual(ledger.total);
  if (ledger.onLoan + ledger.setAside < ledger.total) expect(ledger.waiting).toBe(0);
}

/** The WAITING queue as staff list it: positions must be 1..n in queue order. */
async function positions(loans: LoansHarness, bookId: string): Promise<number[]> {
  const response = await loans.request<{ holds: { edges: { node: { position: number } }[] } }>(HOLDS, { bookId, status: 'WAITING', first: 100 }, loans.librarian);
  expect(response.errors).toBeUndefined();
  return response.data!.holds.edges.map((edge) => edge.node.position);
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const callers = (loans: LoansHarness, n: number) => Promise.all(Array.from({ length: n }, () => loans.caller()));

// Real PostgreSQL, many callers at once through the subgraph's HTTP: the invariants rest on row
// locks taken in one order (the book's copies row first), which PGlite's single connection
// would never exercise.
describe('holds under concurrency', () => {
  let loans: LoansHarness;

  beforeAll(async () => {
    loans = await startLoans({ kind: 'postgres', rules: { maxActiveHolds: 5 } });
  });
  afterAll(() => loans?.stop());

  it('number 40 members placing holds at once 1..40, gapless, and keep it so while a third leave', async () => {
    const bookId = await loans.book({ copies: 1 });
    await borrow(loans, await loans.caller(), bookId);
    const members = await callers(loans, 40);
    const placed = await Promise.all(members.map((member) => loans.request<{ placeHold: HoldView }>(PLACE_HOLD, { bookId }, member)));
    expect(placed.map(errorCode)).toEqual(members.map(() => undefined));
    expect(await positions(loans, bookId)).toEqual(oneToN(40));

    const leaving = placed.filter((_, n) => n % 3 === 0);
    await Promise.all(leaving.map((response, n) => loans.request(CANCEL_HOLD, { holdId: response.data!.placeHold.id }, n % 2 ? loans.librarian : members[n * 3]!)));
    expect(await positions(loans, bookId)).toEqual(oneToN(40 - leaving.length));
    expectConsistent(await ledgerOf(loans, bookId));
  }, LONG_TEST_MS);

  it('set returned copies aside once each and lend none of them to others, with returns, cancels and borrows racing', async () => {
    const bookId = await loans.book({ copies: 3 });
    const readers = await callers(loans, 3);
    const lent = await Promise.all(readers.map((reader) => borrow(loans, reader, bookId)));
    const members = await callers(loans, 12);
    const holds: HoldView[] = [];
    for (const member of members) holds.push(await placeHold(loans, member, bookId)); // in this order
    const strangers = await callers(loans, 15);

    // Four of twelve leave, three copies come back: the queue never empties, so no copy is ever
    // free for a stranger, and each returned copy goes to one of the first members still waiting.
    const race = await Promise.all([
      ...lent.map((loan: LoanView) => loans.request(RETURN, { loanId: loan.id }, loans.librarian)),
      ...[0, 1, 5, 9].map((n) => loans.request(CANCEL_HOLD, { holdId: holds[n]!.id }, members[n]!)),
      ...strangers.map((stranger) => loans.request(BORROW, { bookId }, stranger)),
      ...members.map((member) => loans.request(BORROW, { bookId }, member)),
    ]);
    const strangersLent = race.slice(7, 22).filter((response) => response.data?.borrowBook);
    expect(strangersLent).toEqual([]);
    expect(race.slice(0, 7).map(errorCode)).toEqual(Array(7).fill(undefined));

    const ledger = await ledgerOf(loans, bookId);
    expectConsistent(ledger);
    // Three copies: each either set aside for a member or lent to that member (FULFILLED).
    const [fulfilled] = await queryRows<{ count: number }>(loans.db, sql`select count(*)::int as count from loans.holds where book_id = ${bookId} and status = 'FULFILLED'`);
    expect(ledger.ready + fulfilled!.count).toBe(3);
    expect(ledger.onLoan).toBe(fulfilled!.count);
    expect(await positions(loans, bookId)).toEqual(oneToN(ledger.waiting));
  }, LONG_TEST_MS);

  it('leave every copy free, set aside once or on loan once when pickup deadlines expire holds amid returns and cancels', async () => {
    // Copies are kept for a moment only: each READY hold's expiry job races the commands below.
    const quick = await startLoans({ kind: 'postgres', rules: { holdPickupMs: 1 } });
    try {
      const bookId = await quick.book({ copies: 4 });
      const readers = await callers(quick, 4);
      const lent = await Promise.all(readers.map((reader) => borrow(quick, reader, bookId)));
      const members: TestCaller[] = await callers(quick, 16);
      const holds = await Promise.all(members.map((member) => placeHold(quick, member, bookId)));

      const race = await Promise.all([
        ...lent.map((loan) => quick.request(RETURN, { loanId: loan.id }, readers[lent.indexOf(loan)]!)),
        ...holds.filter((_, n) => n % 4 === 1).map((hold) => quick.request(CANCEL_HOLD, { holdId: hold.id }, quick.admin)),
        ...members.map((member) => quick.request(BORROW, { bookId }, member)),
      ]);
      expect(race.slice(0, 4).map(errorCode)).toEqual(Array(4).fill(undefined));

      // The expiry jobs run on, each READY hold expiring and passing its copy down the queue,
      // until no copy is set aside: every copy is then on loan or free with nobody waiting.
      await vi.waitFor(async () => expect((await ledgerOf(quick, bookId)).ready).toBe(0), SETTLE);
      const ledger = await ledgerOf(quick, bookId);
      expectConsistent(ledger);
      expect(ledger.setAside).toBe(0);
      expect(ledger.onLoan === ledger.total || ledger.waiting === 0).toBe(true);
    } finally {
      await quick.stop();
    }
  }, LONG_TEST_MS);
});
