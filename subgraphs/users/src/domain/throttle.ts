import { createHash } from 'node:crypto';
import { retryAfterSeconds, RateLimitedError, type RateLimitRule, type RateLimits } from '@bookstore/server-core';
import type { UsersDependencies } from '../deps.js';

/** Limits that count every attempt, per address: sign-ups and token refreshes. */
export const usersRateLimits = {
  registerPerIp: { name: 'register-ip', points: 10, durationSeconds: 60 * 60 },
  refreshPerIp: { name: 'refresh-ip', points: 60, durationSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/** Counts one attempt against each (rule, key); throws RATE_LIMITED with a retry-after when any is exhausted. */
export async function throttle(deps: UsersDependencies, attempts: [RateLimitRule, string][]): Promise<void> {
  if (!deps.rateLimits) return;
  for (const [rule, key] of attempts) await deps.rateLimits.consume(rule, key);
}

const DAY = 24 * 60 * 60;

/** A delay that doubles with each failure past the free ones: 1 s, 2 s, 4 s ... up to `maxDelaySeconds`. */
interface GrowingDelay {
  /** Failures in a row allowed without any wait. */
  freeFailures: number;
  /** The longest wait between two attempts, in seconds. */
  maxDelaySeconds: number;
  /** The count of failures is forgotten this long after the first one, in seconds. */
  windowSeconds: number;
}

/**
 * Sign-in throttling as OWASP's Authentication Cheat Sheet describes it (rate-limiter-flexible's
 * "login endpoint protection" pattern): only failures count, and they cost growing delays rather
 * than a lockout.
 * - Per (account, address), against guessing one password from one place: from the 5th
 *   consecutive failure each further attempt waits 1 s, 2 s, 4 s ... up to 15 minutes; a success
 *   starts the count again.
 * - Per account from every address, against guessing spread over many addresses: the same from
 *   the 10th failure. An address that signed in to the account within the last 14 days (OWASP's
 *   device cookie, keyed by address) is exempt, so nobody can lock the owner out from elsewhere.
 * - Per address across accounts, against password spraying: 100 failures an hour.
 * The account is its id, so an email and a username are one account. An unknown login is
 * throttled like an account of its own, so a refusal does not reveal whether an account exists.
 */
export const signInThrottle = {
  perAccountAddress: { freeFailures: 5, maxDelaySeconds: 15 * 60, windowSeconds: DAY },
  perAccount: { freeFailures: 10, maxDelaySeconds: 15 * 60, windowSeconds: DAY },
  perAddress: { points: 100, durationSeconds: 60 * 60 },
  /**
   * How long an address that signed in successfully stays exempt from the account-wide delay.
   * Under 24.8 days: the memory store expires keys with a timer, which Node caps at 2^31-1 ms.
   */
  knownAddressSeconds: 14 * DAY,
} as const satisfies { perAccountAddress: GrowingDelay; perAccount: GrowingDelay; perAddress: Omit<RateLimitRule, 'name'>; knownAddressSeconds: number };

/** The rate-limiter-flexible limiters behind the policy; `points` of a counter is never refused on. */
const limits = {
  addressFailures: { name: 'login-fail-ip', ...signInThrottle.perAddress },
  pairFailures: { name: 'login-fail-account-ip', points: Number.MAX_SAFE_INTEGER, durationSeconds: signInThrottle.perAccountAddress.windowSeconds },
  pairGate: { name: 'login-wait-account-ip', points: 1, durationSeconds: 1 },
  accountFailures: { name: 'login-fail-account', points: Number.MAX_SAFE_INTEGER, durationSeconds: signInThrottle.perAccount.windowSeconds },
  accountGate: { name: 'login-wait-account', points: 1, durationSeconds: 1 },
  knownAddresses: { name: 'login-known-ip', points: 0, durationSeconds: signInThrottle.knownAddressSeconds },
} satisfies Record<string, RateLimitRule>;

const FAILED_SIGN_INS = 'Too many failed sign-ins; try again later.';

/** Seconds the next attempt waits after the `failures`-th failure in a row (0 while still free). */
export function delayAfter(policy: GrowingDelay, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

/** The throttling key of a login that names no account: a digest, so no typed text is stored. */
export function unknownAccountKey(normalisedLogin: string): string {
  return `unknown:${createHash('sha256').update(normalisedLogin).digest('base64url')}`;
}

/**
 * One sign-in attempt's claim on the budgets. Every attempt is counted as a failure up front and
 * refunded when it succeeds or is refused, so concurrent attempts cannot all slip past the checks
 * before any of them has failed. A growing delay is a gate (a limit of one attempt per delay) that
 * the attempt passes atomically before the password is checked.
 */
export class SignInAttempt {
  private readonly refunds: (() => Promise<void>)[] = [];
  private pair = '';

  private constructor(
    private readonly store: RateLimits | undefined,
    private readonly address: string,
  ) {}

  /** Claims one failure of the address's budget; RATE_LIMITED once it is spent. */
  static async begin(store: RateLimits | undefined, address: string): Promise<SignInAttempt> {
    const attempt = new SignInAttempt(store, address);
    if (!store) return attempt;
    const spent = await store.penalty(limits.addressFailures, address);
    attempt.refunds.push(() => store.reward(limits.addressFailures, address));
    if (spent && spent.consumed > limits.addressFailures.points) {
      await attempt.refund();
      throw new RateLimitedError(FAILED_SIGN_INS, retryAfterSeconds(spent.msBeforeNext));
    }
    return attempt;
  }

  /** Claims a failure against `account` (its id, or unknownAccountKey) from this address, passing its delays; RATE_LIMITED while one runs. */
  async forAccount(account: string): Promise<void> {
    const { store } = this;
    if (!store) return;
    this.pair = `${account}:${this.address}`;
    try {
      await this.passGate(limits.pairFailures, limits.pairGate, this.pair, signInThrottle.perAccountAddress);
      if (!(await store.get(limits.knownAddresses, this.pair))) {
        await this.passGate(limits.accountFailures, limits.accountGate, account, signInThrottle.perAccount);
      }
    } catch (error) {
      await this.refund();
      throw error;
    }
  }

  /** A success: it counts nowhere, ends the pair's run of failures and exempts this address from the account-wide delay. */
  async succeeded(): Promise<void> {
    const { store } = this;
    if (!store) return;
    await this.refund();
    await store.delete(limits.pairFailures, this.pair);
    await store.delete(limits.pairGate, this.pair);
    await store.block(limits.knownAddresses, this.pair, signInThrottle.knownAddressSeconds);
  }

  private async passGate(failures: RateLimitRule, gate: RateLimitRule, key: string, policy: GrowingDelay): Promise<void> {
    const store = this.store!;
    const counted = await store.penalty(failures, key);
    this.refunds.push(() => store.reward(failures, key));
    const delay = delayAfter(policy, counted?.consumed ?? 0);
    if (delay > 0) await store.gate(gate, key, delay, FAILED_SIGN_INS);
  }

  private async refund(): Promise<void> {
    for (const refund of this.refunds.splice(0)) await refund();
  }
}
