import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { checkBorrower } from './borrowing.js';
import { defaultLoanRules } from './rules.js';
import type { OpenLoan } from './types.js';

const NOW = new Date('2026-05-15T12:00:00.000Z');
const LATER = new Date('2026-05-20T12:00:00.000Z');
const BOOK = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const loan = (n: number, change: Partial<OpenLoan> = {}): OpenLoan => ({ id: `loan-${n}`, bookId: `book-${n}`, status: 'ACTIVE', dueAt: LATER, ...change });

describe('checkBorrower', () => {
  it('lets a borrower with fewer open loans than allowed, none overdue and none of this book, borrow', () => {
    expect(() => checkBorrower(BOOK, [], defaultLoanRules, NOW)).not.toThrow();
    expect(() => checkBorrower(BOOK, [1, 2, 3, 4].map((n) => loan(n)), defaultLoanRules, NOW)).not.toThrow();
  });

  it('refuses a borrower holding an OVERDUE loan', () => {
    const error = errorOf(() => checkBorrower(BOOK, [loan(1), loan(2, { status: 'OVERDUE', dueAt: NOW })], defaultLoanRules, NOW));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error['message']).toMatch(/loan-2 is overdue.*return it first/);
  });

  it('counts an ACTIVE loan past its due date as overdue, before its loan.due job has run', () => {
    const error = errorOf(() => checkBorrower(BOOK, [loan(1, { dueAt: NOW })], defaultLoanRules, NOW));
    expect(error['message']).toMatch(/loan-1 is overdue/);
  });

  it('refuses a second open loan of the same book, naming bookId', () => {
    const error = errorOf(() => checkBorrower(BOOK, [loan(1, { bookId: BOOK })], defaultLoanRules, NOW));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'bookId' });
    expect(error['message']).toMatch(/already have book .* on loan as loan loan-1/);
  });

  it('refuses a borrower at MAX_ACTIVE_LOANS, counting OVERDUE loans too', () => {
    const five = [1, 2, 3, 4, 5].map((n) => loan(n));
    expect(errorOf(() => checkBorrower(BOOK, five, defaultLoanRules, NOW))['message']).toMatch(/5 books on loan, the most allowed at once \(5\)/);
    expect(errorOf(() => checkBorrower(BOOK, [loan(1)], { ...defaultLoanRules, maxActiveLoans: 1 }, NOW))).toMatchObject({ code: 'CONFLICT' });
  });

  it('names the overdue loan first: returning it is what the borrower must do', () => {
    const loans = [loan(1, { bookId: BOOK }), loan(2, { status: 'OVERDUE', dueAt: NOW }), ...[3, 4, 5].map((n) => loan(n))];
    expect(errorOf(() => checkBorrower(BOOK, loans, defaultLoanRules, NOW))['message']).toMatch(/overdue/);
  });

  it('speaks of the member, not the librarian, at the desk', () => {
    const error = errorOf(() => checkBorrower(BOOK, [loan(1, { bookId: BOOK })], defaultLoanRules, NOW, 'desk'));
    expect(error['message']).toMatch(/^The member already has book .* on loan as loan loan-1/);
    expect(errorOf(() => checkBorrower(BOOK, [loan(1, { status: 'OVERDUE' })], defaultLoanRules, NOW, 'desk'))['message']).toMatch(/^The member cannot borrow while loan loan-1 is overdue/);
  });
});
