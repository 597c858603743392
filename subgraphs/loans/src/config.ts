import { parseEnv, subgraphEnvSchema } from '@bookstore/kit';
import { z } from 'zod';
import { DAY_MS, type LoanRules } from './domain/rules.js';

/** Settings of the loans subgraph process (services mode); embedded mode passes its own rules. */
const schema = subgraphEnvSchema(4006).extend({
  /** How long a loan runs, and how much each renewal adds, in days; default 14. */
  LOAN_PERIOD_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Loans (ACTIVE or OVERDUE) one borrower may hold at once; default 5. */
  MAX_ACTIVE_LOANS: z.coerce.number().int().min(1).max(100).default(5),
  /** How many times one loan may be renewed; 0 turns renewals off; default 2. */
  MAX_RENEWALS: z.coerce.number().int().min(0).max(20).default(2),
});

export type LoansConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): LoansConfig {
  return parseEnv(schema, environment);
}

/** The lending rules the config sets; the period is kept in ms so tests can run loans for a second. */
export function loanRulesOf(config: Pick<LoansConfig, 'LOAN_PERIOD_DAYS' | 'MAX_ACTIVE_LOANS' | 'MAX_RENEWALS'>): LoanRules {
  return { loanPeriodMs: config.LOAN_PERIOD_DAYS * DAY_MS, maxActiveLoans: config.MAX_ACTIVE_LOANS, maxRenewals: config.MAX_RENEWALS };
}
