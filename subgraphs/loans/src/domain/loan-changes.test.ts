import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { checkReturnable, planRenewal } from './loan-changes.js';
import { DAY_MS, defaultLoanRules } from './rules.js';
import type { Loan } from './types.js';

const NOW = new Date('2026-05-15T12:00:00.000Z');
const DUE = new Date('2026-05-20T12:00:00.000Z');
const loan: Pick<Loan, 'id' | 'status' | 'dueAt' | 'renewals' | 'returnedAt'> = { id: 'loan-1', status: 'ACTIVE', dueAt: DUE, renewals: 0, returnedAt: null };

describe('checkReturnable', () => {
  it('takes ACTIVE and OVERDUE loans back', () => {
    expect(() => checkReturnable(loan)).not.toThrow();
    expect(() => checkReturnable({ ...loan, status: 'OVERDUE' })).not.toThrow();
  });

  it('refuses a loan returned already, naming loanId', () => {
    const error = errorOf(() => checkReturnable({ ...loan, status: 'RETURNED', returnedAt: NOW }));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'loanId' });
    expect(error['message']).toMatch(/returned already, at 2026-05-15T12:00:00.000Z/);
  });
});

describe('planRenewal', () => {
  it('adds one loan period to the current due date and counts the renewal', () => {
    expect(planRenewal(loan, defaultLoanRules, NOW)).toEqual({ dueAt: new Date(DUE.getTime() + 14 * DAY_MS), renewals: 1 });
    expect(planRenewal({ ...loan, renewals: 1 }, defaultLoanRules, NOW).renewals).toBe(2);
  });

  it.each<[string, Partial<Loan>, RegExp]>([
    ['a returned loan', { status: 'RETURNED' }, /returned already, so it cannot be renewed/],
    ['an OVERDUE loan', { status: 'OVERDUE' }, /is overdue .* cannot be renewed; return it instead/],
    ['an ACTIVE loan past its due date', { dueAt: NOW }, /is overdue/],
    ['a loan renewed MAX_RENEWALS times', { renewals: 2 }, /renewed 2 times already, the most allowed \(2\)/],
  ])('refuses %s, each with its own message naming loanId', (_case, change, message) => {
    const error = errorOf(() => planRenewal({ ...loan, ...change }, defaultLoanRules, NOW));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'loanId' });
    expect(error['message']).toMatch(message);
  });

  it('renews nothing when MAX_RENEWALS is 0', () => {
    expect(errorOf(() => planRenewal(loan, { ...defaultLoanRules, maxRenewals: 0 }, NOW))['message']).toMatch(/renewed 0 times already/);
  });
});
