import { expectError, useHarness } from '@bookstore/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  borrow,
  BORROW,
  CANCEL_HOLD,
  CHECK_OUT,
  holdOf,
  HOLDS,
  PLACE_HOLD,
  placeHold,
  queueOf,
  RENEW,
  RETURN,
  SET_COPIES,
  USER_HOLDS,
  type LoanView,
} from './testing/documents.js';
import { POLL, startLoans, type LoansHarness, type TargetKind } from './testing/harness.js';

const MAX_ACTIVE_HOLDS = 2;
/** A copy is kept 1.5 s for its hold, so the delayed hold.pickup_due job runs within the test. */
const HOLD_PICKUP_MS = 1_500;

/** A one-copy book out on loan to `reader`, with `first` and then `second` in its queue (holds `one` and `two`). */
async function twoInLine(loans: LoansHarness, title?: string) {
  const bookId = await loans.book({ title, copies: 1 });
  const [reader, first, second] = [await loans.caller(), await loans.caller(), await loans.caller()];
  const loan = await borrow(loans, reader, bookId);
  const one = await placeHold(loans, first, bookId);
  const two = await placeHold(loans, second, bookId);
  return { bookId, reader, first, second, loan, one, two };
}

// Services mode (PostgreSQL, bullmq) and embedded mode (PGlite, in-process queues) run the same
// queue; each test uses its own books and members, so the two targets run side by side.
describe.concurrent.each<TargetKind>(['postgres', 'pglite'])('holds on %s', (kind) => {
  const loans = useHarness(() => startLoans({ kind, rules: { maxActiveHolds: MAX_ACTIVE_HOLDS } }));

  it('queue members FIFO for a book that is out, and refuse a hold that makes no sense', async () => {
    const bookId = await loans.book({ title: 'Emma', copies: 1 });
    const [reader, first, second] = [await loans.caller(), await loans.caller(), await loans.caller()];
    expectError(await loans.request(PLACE_HOLD, { bookId }, first), 'CONFLICT', { message: /A copy of "Emma" .* is free: borrow it/, field: 'bookId' });
    const loan = await borrow(loans, reader, bookId);
    expectError(await loans.request(PLACE_HOLD, { bookId }, reader), 'CONFLICT', { message: /already have "Emma" .* on loan/ });

    const one = await placeHold(loans, first, bookId);
    expect(one).toMatchObject({ book: { id: bookId }, member: { id: first.id }, status: 'WAITING', position: 1, readyAt: null, pickupBy: null });
    const two = await placeHold(loans, second, bookId);
    expect(two.position).toBe(2);
    expectError(await loans.request(PLACE_HOLD, { bookId }, first), 'CONFLICT', { message: new RegExp(`already hold "Emma" .*${one.id}, WAITING`) });
    expect(await queueOf(loans, bookId)).toEqual({ availableCopies: 0, holdsWaiting: 2 });
    expectError(await loans.request(PLACE_HOLD, { bookId }), 'UNAUTHENTICATED');

    // Others are waiting: the borrower cannot keep the book longer.
    expectError(await loans.request(RENEW, { loanId: loan.id }, reader), 'CONFLICT', { message: /other members are waiting for this book/, field: 'loanId' });

    // Leaving the queue closes the gap.
    await loans.request(CANCEL_HOLD, { holdId: one.id }, first);
    expect((await holdOf(loans, second, two.id)).position).toBe(1);
  });

  it('refuses a hold beyond MAX_ACTIVE_HOLDS', async () => {
    const member = await loans.caller();
    const books = [await loans.book({ copies: 1 }), await loans.book({ copies: 1 }), await loans.book({ copies: 1 })];
    const lender = await loans.caller();
    for (const bookId of books) await borrow(loans, lender, bookId);
    await placeHold(loans, member, books[0]!);
    await placeHold(loans, member, books[1]!);
    expectError(await loans.request(PLACE_HOLD, { bookId: books[2] }, member), 'CONFLICT', { message: /2 active holds, the most allowed at once \(2\)/ });
  });

  it('set a returned copy aside for the first in line, lend it only to them, and fulfil their hold', async () => {
    const { bookId, first, second, loan, one, two } = await twoInLine(loans, 'Persuasion');
    const stranger = await loans.caller();

    // A LIBRARIAN takes the book back at the desk.
    expect((await loans.request(RETURN, { loanId: loan.id }, loans.librarian)).errors).toBeUndefined();
    const ready = await holdOf(loans, first, one.id);
    expect(ready).toMatchObject({ status: 'READY', position: null, readyAt: expect.any(String), pickupBy: expect.any(String) });
    expect(Date.parse(ready.pickupBy!) - Date.parse(ready.readyAt!)).toBe(3 * 86_400_000);
    expect(await loans.pickupEvents(one.id)).toEqual([{ id: expect.any(String), deliverAt: new Date(ready.pickupBy!) }]);
    expect(await loans.libraryUpdates(first.id)).toEqual([{ kind: 'HOLD_READY', holdId: one.id, loanId: null }]);
    expect(await queueOf(loans, bookId)).toEqual({ availableCopies: 0, holdsWaiting: 1 });
    expect(await loans.copies(bookId)).toEqual({ totalCopies: 1, onLoan: 0, setAside: 1 });

    // The set-aside copy is not free for anyone else, not even the next in line.
    expectError(await loans.request(BORROW, { bookId }, stranger), 'CONFLICT', { message: /set aside for members' holds/, field: 'bookId' });
    expectError(await loans.request(BORROW, { bookId }, second), 'CONFLICT', { message: /set aside/ });
    expectError(await loans.request(PLACE_HOLD, { bookId }, first), 'CONFLICT', { message: /already hold .* READY/ });

    const lent = await borrow(loans, first, bookId);
    expect(lent.status).toBe('ACTIVE');
    expect((await holdOf(loans, first, one.id)).status).toBe('FULFILLED');
    expect(await loans.copies(bookId)).toEqual({ totalCopies: 1, onLoan: 1, setAside: 0 });
    expect((await holdOf(loans, second, two.id)).position).toBe(1);
    expectError(await loans.request(CANCEL_HOLD, { holdId: one.id }, first), 'CONFLICT', { message: /is FULFILLED already/, field: 'holdId' });
  });

  it('pass a cancelled READY hold\'s copy to the next in line, and let only the member or staff cancel', async () => {
    const { bookId, reader, first, second, loan, one, two } = await twoInLine(loans);
    await loans.request(RETURN, { loanId: loan.id }, reader);

    expectError(await loans.request(CANCEL_HOLD, { holdId: one.id }, second), 'FORBIDDEN');
    const cancelled = await loans.request(CANCEL_HOLD, { holdId: one.id }, loans.admin);
    expect(cancelled.data?.cancelHold).toMatchObject({ status: 'CANCELLED', position: null });
    expect(await holdOf(loans, second, two.id)).toMatchObject({ status: 'READY', readyAt: expect.any(String) });
    expect(await loans.copies(bookId)).toEqual({ totalCopies: 1, onLoan: 0, setAside: 1 });
    expectError(await loans.request(CANCEL_HOLD, { holdId: one.id }, first), 'CONFLICT', { message: /is CANCELLED already/ });

    // With nobody left in line, cancelling puts the copy back on the shelf.
    await loans.request(CANCEL_HOLD, { holdId: two.id }, second);
    expect(await queueOf(loans, bookId)).toEqual({ availableCopies: 1, holdsWaiting: 0 });
  });

  it('give copies a LIBRARIAN adds to the queue first', async () => {
    const bookId = await loans.book({ copies: 1 });
    const [reader, first, second, third] = [await loans.caller(), await loans.caller(), await loans.caller(), await loans.caller()];
    await borrow(loans, reader, bookId);
    const holds = [await placeHold(loans, first, bookId), await placeHold(loans, second, bookId), await placeHold(loans, third, bookId)];
    const set = await loans.request(SET_COPIES, { bookId, copies: 3 }, loans.librarian);
    expect(set.data?.setLendingCopies).toMatchObject({ totalCopies: 3, availableCopies: 0, available: false });
    expect(await Promise.all(holds.map(async (hold, n) => (await holdOf(loans, [first, second, third][n]!, hold.id)).status))).toEqual(['READY', 'READY', 'WAITING']);
    expect((await holdOf(loans, third, holds[2]!.id)).position).toBe(1);
    expectError(await loans.request(SET_COPIES, { bookId, copies: 2 }, loans.librarian), 'CONFLICT', { message: /1 copies .* on loan right now and 2 set aside for holds, so set at least 3/ });
  });

  it('lend at the desk with the borrower\'s rules, fulfilling the member\'s READY hold', async () => {
    const bookId = await loans.book({ title: 'Middlemarch', copies: 1 });
    const [reader, member] = [await loans.caller(), await loans.caller()];
    expectError(await loans.request(CHECK_OUT, { bookId, memberId: member.id }, reader), 'FORBIDDEN');
    expectError(await loans.request(CHECK_OUT, { bookId, memberId: 'someone' }, loans.librarian), 'BAD_USER_INPUT', { field: 'memberId' });

    const desk = await loans.request<{ checkOutBook: LoanView }>(CHECK_OUT, { bookId, memberId: reader.id }, loans.librarian);
    expect(desk.data?.checkOutBook).toMatchObject({ book: { id: bookId }, borrower: { id: reader.id }, status: 'ACTIVE' });
    const hold = await placeHold(loans, member, bookId);
    // The same rules as borrowBook for the member: no copy is free for someone not first in line.
    expectError(await loans.request(CHECK_OUT, { bookId, memberId: (await loans.caller()).id }, loans.librarian), 'CONFLICT', { message: /No copy of "Middlemarch"/ });

    await loans.request(RETURN, { loanId: desk.data!.checkOutBook.id }, loans.librarian);
    const lent = await loans.request<{ checkOutBook: LoanView }>(CHECK_OUT, { bookId, memberId: member.id }, loans.admin);
    expect(lent.data?.checkOutBook.borrower.id).toBe(member.id);
    expect((await holdOf(loans, member, hold.id)).status).toBe('FULFILLED');
    expectError(await loans.request(CHECK_OUT, { bookId, memberId: member.id }, loans.librarian), 'CONFLICT', { message: /^The member already has book .* on loan/ });
  });

  it('leave a READY hold alone when its pickup job comes early (a clock ahead) or after it was picked up', async () => {
    const bookId = await loans.book({ copies: 1 });
    const [reader, member] = [await loans.caller(), await loans.caller()];
    const loan = await borrow(loans, reader, bookId);
    const hold = await placeHold(loans, member, bookId);
    await loans.request(RETURN, { loanId: loan.id }, reader);

    const early = await loans.publish('hold.pickup_due', { holdId: hold.id });
    await loans.handled(early.id);
    expect((await holdOf(loans, member, hold.id)).status).toBe('READY');

    await borrow(loans, member, bookId);
    const late = await loans.publish('hold.pickup_due', { holdId: hold.id });
    await loans.handled(late.id);
    expect((await holdOf(loans, member, hold.id)).status).toBe('FULFILLED');
    expect(await loans.copies(bookId)).toEqual({ totalCopies: 1, onLoan: 1, setAside: 0 });
    expect((await loans.libraryUpdates(member.id)).map((update) => update.kind)).toEqual(['HOLD_READY']);
  });

  it('tell a borrower two days ahead that a loan falls due, unless it was renewed or returned since', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const stale = await loans.publish('loan.due_soon', { loanId: loan.id, dueAt: new Date(Date.parse(loan.dueAt) - 1000).toISOString() });
    await loans.handled(stale.id);
    expect(await loans.libraryUpdates(reader.id)).toEqual([]);
    const due = await loans.publish('loan.due_soon', { loanId: loan.id, dueAt: loan.dueAt });
    await loans.handled(due.id);
    expect(await loans.libraryUpdates(reader.id)).toEqual([{ kind: 'LOAN_DUE_SOON', loanId: loan.id, holdId: null }]);
    await loans.request(RETURN, { loanId: loan.id }, reader);
    const late = await loans.publish('loan.due_soon', { loanId: loan.id, dueAt: loan.dueAt });
    await loans.handled(late.id);
    expect(await loans.libraryUpdates(reader.id)).toHaveLength(1);
  });

  it('list holds for staff in queue order, and each member\'s own', async () => {
    const { bookId, first, second, one, two } = await twoInLine(loans);

    expectError(await loans.request(HOLDS, { bookId }, first), 'FORBIDDEN');
    const page = await loans.request(HOLDS, { bookId, status: 'WAITING', first: 1 }, loans.librarian);
    expect(page.data?.holds).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: one.id, position: 1, member: { id: first.id } } }] });
    const next = await loans.request(HOLDS, { bookId, first: 5, after: page.data?.holds.pageInfo.endCursor }, loans.librarian);
    expect(next.data?.holds.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([two.id]);

    const own = await loans.request(USER_HOLDS, { r: [{ __typename: 'User', id: second.id }] }, second);
    expect(own.data?._entities[0].holds).toEqual({ totalCount: 1, edges: [{ node: { id: two.id, status: 'WAITING', position: 2 } }] });
    const others = await loans.request(USER_HOLDS, { r: [{ __typename: 'User', id: second.id }] }, first);
    expect(others.data?._entities[0].holds).toBeNull();
    expectError(others, 'FORBIDDEN', { message: /this user's holds/ });
    expectError(await loans.request(PLACE_HOLD, { bookId: 'nope' }, first), 'BAD_USER_INPUT', { field: 'bookId' });
  });
});

describe.concurrent.each<TargetKind>(['postgres', 'pglite'])('hold pickup deadlines on %s', (kind) => {
  const loans = useHarness(() => startLoans({ kind, rules: { holdPickupMs: HOLD_PICKUP_MS } }));

  it('expire a READY hold not picked up in time and pass its copy to the next in line', async () => {
    const { bookId, reader, first, second, loan, one, two } = await twoInLine(loans);
    await loans.request(RETURN, { loanId: loan.id }, reader);

    await vi.waitFor(async () => expect((await holdOf(loans, first, one.id)).status).toBe('EXPIRED'), POLL);
    expect(await loans.libraryUpdates(first.id)).toEqual([
      { kind: 'HOLD_READY', holdId: one.id, loanId: null },
      { kind: 'HOLD_EXPIRED', holdId: one.id, loanId: null },
    ]);
    expect((await holdOf(loans, second, two.id)).status).toMatch(/READY|EXPIRED/);
    expect(await loans.libraryUpdates(second.id)).toContainEqual({ kind: 'HOLD_READY', holdId: two.id, loanId: null });
    await vi.waitFor(async () => expect((await holdOf(loans, second, two.id)).status).toBe('EXPIRED'), POLL);
    // Nobody left in line: the copy is back on the shelf.
    expect(await loans.copies(bookId)).toEqual({ totalCopies: 1, onLoan: 0, setAside: 0 });
  });
});
