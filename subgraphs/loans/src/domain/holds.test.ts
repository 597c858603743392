import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { checkCancellable, checkHoldPlacement, checkNoOneWaits, readyFrom, shouldExpire } from './holds.js';
import { DAY_MS, defaultLoanRules } from './rules.js';
import type { HoldStatus } from './types.js';

const BOOK = { id: '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a', title: 'Emma' };
const OTHER = '1c9f7d2e-6b5e-4d4c-8b3f-2a1f0e9d8c7b';
const ALL_OUT = { totalCopies: 2, onLoan: 2, setAside: 0 };
const NOBODY = { activeHolds: [], openLoans: [] };
const NOW = new Date('2026-05-15T12:00:00.000Z');
const hold = (n: number, bookId = OTHER, status: HoldStatus = 'WAITING') => ({ id: `hold-${n}`, bookId, status });

describe('checkHoldPlacement', () => {
  it('queues a member for a book with no free copy', () => {
    expect(() => checkHoldPlacement(BOOK, ALL_OUT, NOBODY, defaultLoanRules)).not.toThrow();
    expect(() => checkHoldPlacement(BOOK, { totalCopies: 2, onLoan: 1, setAside: 1 }, { activeHolds: [hold(1), hold(2)], openLoans: [] }, defaultLoanRules)).not.toThrow();
  });

  it('sends a member to borrow a free copy instead', () => {
    const error = errorOf(() => checkHoldPlacement(BOOK, { totalCopies: 2, onLoan: 1, setAside: 0 }, NOBODY, defaultLoanRules));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'bookId' });
    expect(error['message']).toMatch(/A copy of "Emma" .* is free: borrow it/);
  });

  it('has no queue for a book the library does not lend', () => {
    expect(errorOf(() => checkHoldPlacement(BOOK, undefined, NOBODY, defaultLoanRules))['message']).toMatch(/no lending copies of "Emma"/);
    expect(errorOf(() => checkHoldPlacement(BOOK, { totalCopies: 0, onLoan: 0, setAside: 0 }, NOBODY, defaultLoanRules))['message']).toMatch(/no lending copies/);
  });

  it('refuses a second hold of the same book, WAITING or READY, and a hold of a book on loan to the member', () => {
    for (const status of ['WAITING', 'READY'] as const) {
      const error = errorOf(() => checkHoldPlacement(BOOK, ALL_OUT, { activeHolds: [hold(1, BOOK.id, status)], openLoans: [] }, defaultLoanRules));
      expect(error['message']).toMatch(new RegExp(`already hold "Emma" .*hold-1, ${status}`));
    }
    const lent = errorOf(() => checkHoldPlacement(BOOK, ALL_OUT, { activeHolds: [], openLoans: [{ id: 'loan-1', bookId: BOOK.id }] }, defaultLoanRules));
    expect(lent['message']).toMatch(/already have "Emma" .* on loan as loan loan-1/);
  });

  it('refuses a hold beyond MAX_ACTIVE_HOLDS', () => {
    const five = [1, 2, 3, 4, 5].map((n) => hold(n));
    const error = errorOf(() => checkHoldPlacement(BOOK, ALL_OUT, { activeHolds: five, openLoans: [] }, defaultLoanRules));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error['message']).toMatch(/5 active holds, the most allowed at once \(5\)/);
  });
});

describe('readyFrom', () => {
  it('keeps the copy for the pickup period', () => {
    expect(readyFrom(NOW, defaultLoanRules)).toEqual({ status: 'READY', readyAt: NOW, pickupBy: new Date(NOW.getTime() + 3 * DAY_MS) });
  });
});

describe('checkCancellable', () => {
  it.each(['WAITING', 'READY'] as const)('lets a %s hold be cancelled', (status) => {
    expect(() => checkCancellable({ id: 'h', status })).not.toThrow();
  });

  it.each(['FULFILLED', 'CANCELLED', 'EXPIRED'] as const)('refuses a %s hold', (status) => {
    expect(errorOf(() => checkCancellable({ id: 'h', status }))).toMatchObject({ code: 'CONFLICT', field: 'holdId', message: `Hold h (holdId) is ${status} already, so it cannot be cancelled.` });
  });
});

describe('shouldExpire', () => {
  it('expires a READY hold once its pickup deadline has come, and nothing else', () => {
    expect(shouldExpire({ status: 'READY', pickupBy: NOW }, NOW)).toBe(true);
    expect(shouldExpire({ status: 'READY', pickupBy: new Date(NOW.getTime() + 1) }, NOW)).toBe(false);
    expect(shouldExpire({ status: 'FULFILLED', pickupBy: NOW }, NOW)).toBe(false);
    expect(shouldExpire({ status: 'CANCELLED', pickupBy: NOW }, NOW)).toBe(false);
  });
});

describe('checkNoOneWaits', () => {
  it('refuses a renewal while others wait, naming why', () => {
    expect(() => checkNoOneWaits('loan-1', false)).not.toThrow();
    expect(errorOf(() => checkNoOneWaits('loan-1', true))).toMatchObject({ code: 'CONFLICT', field: 'loanId', message: expect.stringMatching(/other members are waiting/) });
  });
});
