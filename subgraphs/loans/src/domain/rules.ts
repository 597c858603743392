/** One day in milliseconds: loan periods are whole days of 24 hours (UTC instants, no calendar). */
export const DAY_MS = 86_400_000;

/** The lending rules, set by the process's config (see config.ts); tests pass their own. */
export interface LoanRules {
  /** How long a loan runs, and how much each renewal adds to its due date, in ms; default 14 days (LOAN_PERIOD_DAYS). */
  loanPeriodMs: number;
  /** Open loans (ACTIVE or OVERDUE) one borrower may hold at once; default 5 (MAX_ACTIVE_LOANS). */
  maxActiveLoans: number;
  /** How many times one loan may be renewed; default 2 (MAX_RENEWALS). */
  maxRenewals: number;
}

export const defaultLoanRules: LoanRules = {
  loanPeriodMs: 14 * DAY_MS,
  maxActiveLoans: 5,
  maxRenewals: 2,
};
