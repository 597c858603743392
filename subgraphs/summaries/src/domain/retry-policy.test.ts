import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-policy.js';

describe('the retry policy', () => {
  it('retries 408, 429 and 5xx, and no other status', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it('doubles the backoff per retry up to the cap, with at most half of it random', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, null, DEFAULT_BACKOFF, high))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, null, DEFAULT_BACKOFF, low))).toEqual([250, 500, 1_000, 2_000]);
    expect(retryDelayMs(10, null, DEFAULT_BACKOFF, high)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it("honours the server's Retry-After instead, capped like the backoff", () => {
    expect(retryDelayMs(1, 3_000, DEFAULT_BACKOFF)).toBe(3_000);
    expect(retryDelayMs(1, 0, DEFAULT_BACKOFF)).toBe(0);
    expect(retryDelayMs(1, 120_000, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-01-31T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 31 Jan 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Sat, 31 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
  });
});
