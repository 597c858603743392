import { expectError, useHarness } from '@bookstore/testing';
import { describe, expect, it, vi } from 'vitest';
import { borrow, BORROW, RENEW, RETURN, USER_LOANS } from './testing/documents.js';
import { POLL, startLoans, type TargetKind } from './testing/harness.js';

/**
 * Loans fall due 6 s after borrowing, so the delayed loan.due job runs within the test, yet a renewal
 * sent right after borrowing still lands before the due time on a loaded machine (1.5 s did not).
 */
const LOAN_PERIOD_MS = 6_000;

// The delayed job is a bullmq job in services mode and an in-process one when embedded; both wait
// in the outbox until the loan is due. The tests use their own borrowers and books, so they wait
// for their jobs side by side.
describe.concurrent.each<TargetKind>(['postgres', 'pglite'])('overdue loans on %s', (kind) => {
  const loans = useHarness(() => startLoans({ kind, rules: { loanPeriodMs: LOAN_PERIOD_MS } }));

  it('turn OVERDUE when their loan.due job runs, which stops renewing them and borrowing more until they are back', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const next = await loans.book({ copies: 1 });
    await vi.waitFor(async () => expect(await loans.statusOf(loan.id)).toBe('OVERDUE'), POLL);
    // The borrower is told, once the marking has committed.
    expect(await loans.libraryUpdates(reader.id)).toContainEqual({ kind: 'LOAN_OVERDUE', loanId: loan.id, holdId: null });

    const listed = await loans.request(USER_LOANS, { r: [{ __typename: 'User', id: reader.id }], status: 'OVERDUE' }, reader);
    expect(listed.data?._entities[0].loans.edges).toEqual([{ node: { id: loan.id, status: 'OVERDUE' } }]);
    expectError(await loans.request(BORROW, { bookId: next }, reader), 'CONFLICT', { message: new RegExp(`loan ${loan.id} is overdue .*return it first`) });
    expectError(await loans.request(RENEW, { loanId: loan.id }, reader), 'CONFLICT', { message: /is overdue .* cannot be renewed; return it instead/, field: 'loanId' });

    const returned = await loans.request(RETURN, { loanId: loan.id }, reader);
    expect(returned.data?.returnBook).toMatchObject({ status: 'RETURNED', returnedAt: expect.any(String) });
    expect((await borrow(loans, reader, next)).status).toBe('ACTIVE');
  });

  it("keep a renewed loan ACTIVE when its first loan.due job finds the later due date, then mark it at that one", async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    const renewed = await loans.request(RENEW, { loanId: loan.id }, reader);
    expect(renewed.data?.renewLoan).toMatchObject({ renewals: 1, status: 'ACTIVE' });
    const [first, second] = await loans.dueEvents(loan.id);
    expect(second?.deliverAt.getTime()).toBe(first!.deliverAt.getTime() + LOAN_PERIOD_MS);

    await loans.handled(first!.id);
    expect(await loans.statusOf(loan.id)).toBe('ACTIVE');
    await loans.handled(second!.id);
    expect(await loans.statusOf(loan.id)).toBe('OVERDUE');
  });

  it('leave a loan returned in time RETURNED when its job runs', async () => {
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, await loans.book({ copies: 1 }));
    await loans.request(RETURN, { loanId: loan.id }, reader);
    const [due] = await loans.dueEvents(loan.id);
    await loans.handled(due!.id);
    expect(await loans.statusOf(loan.id)).toBe('RETURNED');
  });
});
