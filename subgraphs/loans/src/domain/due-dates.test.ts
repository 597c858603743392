import { describe, expect, it } from 'vitest';
import { dueDateOf, isPastDue, renewedDueDate, shouldMarkOverdue } from './due-dates.js';
import { DAY_MS, defaultLoanRules } from './rules.js';

const BORROWED = new Date('2026-03-28T22:30:00.000Z');
const rules = defaultLoanRules;

describe('due dates', () => {
  it('fall one loan period (14 days of 24 hours by default) after borrowing, at the same UTC time of day', () => {
    expect(dueDateOf(BORROWED, rules)).toEqual(new Date('2026-04-11T22:30:00.000Z'));
    expect(dueDateOf(BORROWED, { ...rules, loanPeriodMs: 1_000 })).toEqual(new Date('2026-03-28T22:30:01.000Z'));
  });

  it('move one period on from the current due date when renewed, however early the renewal', () => {
    const due = dueDateOf(BORROWED, rules);
    expect(renewedDueDate(due, rules)).toEqual(new Date('2026-04-25T22:30:00.000Z'));
    expect(renewedDueDate(renewedDueDate(due, rules), rules).getTime() - BORROWED.getTime()).toBe(42 * DAY_MS);
  });
});

describe('isPastDue', () => {
  const dueAt = new Date('2026-04-11T22:30:00.000Z');
  const justBefore = new Date(dueAt.getTime() - 1);

  it('is false for an ACTIVE loan before its due date and true from the due date on', () => {
    expect(isPastDue({ status: 'ACTIVE', dueAt }, justBefore)).toBe(false);
    expect(isPastDue({ status: 'ACTIVE', dueAt }, dueAt)).toBe(true);
    expect(isPastDue({ status: 'ACTIVE', dueAt }, new Date(dueAt.getTime() + DAY_MS))).toBe(true);
  });

  it('is true for an OVERDUE loan whatever the clock says, and false for a RETURNED one', () => {
    expect(isPastDue({ status: 'OVERDUE', dueAt }, justBefore)).toBe(true);
    expect(isPastDue({ status: 'RETURNED', dueAt }, new Date(dueAt.getTime() + DAY_MS))).toBe(false);
  });
});

describe('shouldMarkOverdue (the loan.due job)', () => {
  const dueAt = new Date('2026-04-11T22:30:00.000Z');

  it('marks an ACTIVE loan whose due date has come', () => {
    expect(shouldMarkOverdue({ status: 'ACTIVE', dueAt }, dueAt)).toBe(true);
  });

  it('leaves a renewed loan (a later due date), an OVERDUE one and a RETURNED one alone', () => {
    expect(shouldMarkOverdue({ status: 'ACTIVE', dueAt: renewedDueDate(dueAt, rules) }, dueAt)).toBe(false);
    expect(shouldMarkOverdue({ status: 'OVERDUE', dueAt }, dueAt)).toBe(false);
    expect(shouldMarkOverdue({ status: 'RETURNED', dueAt }, dueAt)).toBe(false);
  });
});
