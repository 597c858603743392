/** Delays between attempts of a call to a remote provider. */
export interface BackoffOptions {
  /** The first retry's delay before jitter, in ms; each later retry doubles it. */
  baseMs: number;
  /** No wait before a retry is longer than this, in ms, a server's `Retry-After` included. */
  maxMs: number;
}

/** 0.5 s, 1 s, 2 s, ... never more than 10 s: a retried job holds its transaction meanwhile. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000 };

/**
 * Statuses worth another attempt: 408 and 429 say "not now", and a 5xx is the server's own
 * trouble. Any other 4xx (bad key, unknown model, too long a prompt) fails the same way again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * A `Retry-After` header in ms: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3); null
 * when absent or unreadable, so the exponential backoff applies instead.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with the day's name; Date.parse alone would read "-1" as a year.
  if (!/^[A-Za-z]{3}/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before retry number `retry` (1 for the first): the server's `Retry-After`
 * when it sent one, else exponential backoff with "equal jitter" (half fixed, half random), so
 * replicas that failed together do not retry together; either way at most `maxMs`.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | null, backoff: BackoffOptions, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, backoff.maxMs);
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (retry - 1));
  return exponential / 2 + random() * (exponential / 2);
}
