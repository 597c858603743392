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
  /** Holds (WAITING or READY) one member may have at once; default 5 (MAX_ACTIVE_HOLDS). */
  maxActiveHolds: number;
  /** How long a copy is kept for a READY hold, in ms; default 3 days (HOLD_PICKUP_DAYS). */
  holdPickupMs: number;
}

export const defaultLoanRules: LoanRules = {
  loanPeriodMs: 14 * DAY_MS,
  maxActiveLoans: 5,
  maxRenewals: 2,
  maxActiveHolds: 5,
  holdPickupMs: 3 * DAY_MS,
};

/** LOAN_DUE_SOON is sent this long before a loan's due date (two days). */
export const DUE_SOON_NOTICE_MS = 2 * DAY_MS;
