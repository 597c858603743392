import { describe, expect, it } from 'vitest';
import { loadConfig, loanRulesOf } from './config.js';
import { defaultLoanRules } from './domain/rules.js';

describe('loans config', () => {
  it('has documented defaults: port 4006, a 14-day loan period, 5 open loans, 2 renewals, 5 holds, 3 days to pick up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4006, HOST: '127.0.0.1', DATA_DIR: '.data', QUEUE_PREFIX: 'bookstore', LOAN_PERIOD_DAYS: 14, MAX_ACTIVE_LOANS: 5, MAX_RENEWALS: 2, MAX_ACTIVE_HOLDS: 5, HOLD_PICKUP_DAYS: 3 });
    expect(config.REDIS_URL).toBeUndefined();
    expect(loanRulesOf(config)).toEqual(defaultLoanRules);
  });

  it('turns days into milliseconds for the rules', () => {
    expect(loanRulesOf(loadConfig({ LOAN_PERIOD_DAYS: '21', MAX_ACTIVE_LOANS: '1', MAX_RENEWALS: '0', MAX_ACTIVE_HOLDS: '2', HOLD_PICKUP_DAYS: '7' }))).toEqual({
      loanPeriodMs: 21 * 86_400_000,
      maxActiveLoans: 1,
      maxRenewals: 0,
      maxActiveHolds: 2,
      holdPickupMs: 7 * 86_400_000,
    });
  });

  it.each([
    ['LOAN_PERIOD_DAYS', ['0', '366', '1.5', 'two weeks']],
    ['MAX_ACTIVE_LOANS', ['0', '101', '2.5', 'many']],
    ['MAX_RENEWALS', ['-1', '21', '0.5', 'none']],
    ['MAX_ACTIVE_HOLDS', ['0', '101', '1.5', 'lots']],
    ['HOLD_PICKUP_DAYS', ['0', '61', '2.5', 'soon']],
  ])('names a malformed %s', (name, values) => {
    for (const value of values) expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
