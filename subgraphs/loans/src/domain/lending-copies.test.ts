import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { availabilityOf, checkCopiesCoverLoans, freeCopies, noCopyFreeError, parseLendingCopies } from './lending-copies.js';

const DUE = new Date('2026-05-20T12:00:00.000Z');
const BOOK = { id: '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a', title: 'Emma' };

describe('parseLendingCopies', () => {
  it('takes 0 to 10000 copies', () => {
    expect(parseLendingCopies(0)).toBe(0);
    expect(parseLendingCopies(10_000)).toBe(10_000);
  });

  it.each([-1, 10_001, 1.5])('rejects %s, naming copies', (copies) => {
    const error = errorOf(() => parseLendingCopies(copies));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'copies' });
    expect(error['message']).toMatch(/^copies must be a whole number from 0 to 10000/);
  });
});

describe('checkCopiesCoverLoans', () => {
  it('allows as many copies as are on loan and set aside, or more', () => {
    expect(() => checkCopiesCoverLoans(BOOK.id, 2, { totalCopies: 2, onLoan: 2, setAside: 0 })).not.toThrow();
    expect(() => checkCopiesCoverLoans(BOOK.id, 3, { totalCopies: 3, onLoan: 2, setAside: 1 })).not.toThrow();
    expect(() => checkCopiesCoverLoans(BOOK.id, 0, undefined)).not.toThrow();
  });

  it('refuses fewer, naming how many are out', () => {
    const error = errorOf(() => checkCopiesCoverLoans(BOOK.id, 1, { totalCopies: 3, onLoan: 3, setAside: 0 }));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'copies' });
    expect(error['message']).toMatch(/copies cannot be 1: 3 copies .* are on loan right now, so set at least 3/);
  });

  it('counts the copies set aside for holds as in use', () => {
    const error = errorOf(() => checkCopiesCoverLoans(BOOK.id, 2, { totalCopies: 3, onLoan: 2, setAside: 1 }));
    expect(error['message']).toMatch(/2 copies .* are on loan right now and 1 set aside for holds, so set at least 3/);
  });
});

describe('availabilityOf', () => {
  it('is no copies at all for a book without lending copies', () => {
    expect(availabilityOf(null)).toEqual({ totalCopies: 0, availableCopies: 0, available: false, nextDueAt: null, holdsWaiting: 0 });
  });

  it('counts the copies not on loan, and gives no next due date while one is free', () => {
    expect(availabilityOf({ totalCopies: 3, onLoan: 2, setAside: 0, earliestDueAt: DUE, holdsWaiting: 0 })).toEqual({ totalCopies: 3, availableCopies: 1, available: true, nextDueAt: null, holdsWaiting: 0 });
  });

  it('gives the earliest due date once every copy is out', () => {
    expect(availabilityOf({ totalCopies: 2, onLoan: 2, setAside: 0, earliestDueAt: DUE, holdsWaiting: 3 })).toEqual({ totalCopies: 2, availableCopies: 0, available: false, nextDueAt: DUE, holdsWaiting: 3 });
  });

  it('does not count a copy set aside for a hold as free', () => {
    expect(availabilityOf({ totalCopies: 2, onLoan: 1, setAside: 1, earliestDueAt: DUE, holdsWaiting: 1 })).toMatchObject({ availableCopies: 0, available: false, nextDueAt: DUE });
    expect(freeCopies({ totalCopies: 4, onLoan: 1, setAside: 2 })).toBe(1);
  });
});

describe('noCopyFreeError', () => {
  it('tells a book the library does not lend from one whose copies are all out', () => {
    expect(errorOf(() => { throw noCopyFreeError(BOOK, null); })).toMatchObject({ code: 'CONFLICT', field: 'bookId', message: expect.stringMatching(/no lending copies of "Emma"/) });
    expect(errorOf(() => { throw noCopyFreeError(BOOK, { totalCopies: 0, onLoan: 0, setAside: 0 }); })['message']).toMatch(/no lending copies/);
    expect(errorOf(() => { throw noCopyFreeError(BOOK, { totalCopies: 2, onLoan: 2, setAside: 0 }); })['message']).toMatch(/No copy of "Emma" .* is free: all 2 lending copies are on loan/);
    expect(errorOf(() => { throw noCopyFreeError(BOOK, { totalCopies: 2, onLoan: 1, setAside: 1 }); })['message']).toMatch(/1 are on loan and 1 set aside for members' holds; place a hold/);
  });
});
