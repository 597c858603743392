import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';
import { DAY_MS, type LoanRules } from './domain/rules.js';

/** The loans subgraph's own settings, read alike in services mode and embedded mode: the lending rules. */
export const loansSettings = {
  port: 4006,
  schema: z.object({
    /** How long a loan runs, and how much each renewal adds, in days; default 14. */
    LOAN_PERIOD_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    /** Loans (ACTIVE or OVERDUE) one borrower may hold at once; default 5. */
    MAX_ACTIVE_LOANS: z.coerce.number().int().min(1).max(100).default(5),
    /** How many times one loan may be renewed; 0 turns renewals off; default 2. */
    MAX_RENEWALS: z.coerce.number().int().min(0).max(20).default(2),
    /** Holds (WAITING or READY) one member may have at once; default 5. */
    MAX_ACTIVE_HOLDS: z.coerce.number().int().min(1).max(100).default(5),
    /** How long a copy is kept for a READY hold before it expires and goes to the next in line, in days; default 3. */
    HOLD_PICKUP_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  }),
} satisfies SubgraphSettings;

export type LoansSettings = z.infer<typeof loansSettings.schema>;

/** The loans process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(loansSettings, environment);
}

/** The lending rules the settings set; periods are kept in ms so tests can run loans and holds for a second. */
export function loanRulesOf(settings: LoansSettings): LoanRules {
  return {
    loanPeriodMs: settings.LOAN_PERIOD_DAYS * DAY_MS,
    maxActiveLoans: settings.MAX_ACTIVE_LOANS,
    maxRenewals: settings.MAX_RENEWALS,
    maxActiveHolds: settings.MAX_ACTIVE_HOLDS,
    holdPickupMs: settings.HOLD_PICKUP_DAYS * DAY_MS,
  };
}
