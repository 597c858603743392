import type { RateLimitRule } from '@bookstore/kit';
import type { UsersDeps } from './deps.js';

/**
 * OWASP's advice for credential endpoints: limit per address (spraying many accounts) and per
 * account (guessing one password). Login names are compared case-insensitively, as login does.
 */
export const usersRateLimits = {
  loginPerIp: { name: 'login-ip', points: 30, durationSeconds: 60 },
  loginPerAccount: { name: 'login-account', points: 10, durationSeconds: 15 * 60 },
  registerPerIp: { name: 'register-ip', points: 10, durationSeconds: 60 * 60 },
  refreshPerIp: { name: 'refresh-ip', points: 60, durationSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/** Counts one attempt against each (rule, key); throws RATE_LIMITED with a retry-after when any is exhausted. */
export async function throttle(deps: UsersDeps, attempts: [RateLimitRule, string][]): Promise<void> {
  if (!deps.rateLimits) return;
  for (const [rule, key] of attempts) await deps.rateLimits.consume(rule, key);
}
