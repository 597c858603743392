export interface TokenBucketOptions {
  /** Tokens added per minute, continuously (at least 1); also the most it holds, so a quiet minute allows a burst of this many. */
  perMinute: number;
  /** A monotonic clock in ms; default `performance.now` (wall-clock time can jump back). Tests pass their own. */
  now?: () => number;
}

const MINUTE_MS = 60_000;

/**
 * A token bucket: each call takes a token, and tokens come back at `perMinute` per minute. It
 * never waits: a caller that finds it empty learns how long until the next token and decides
 * itself whether to wait, retry later or refuse.
 */
export class TokenBucket {
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly now: () => number;
  private tokens: number;
  private updatedAt: number;

  constructor(options: TokenBucketOptions) {
    this.capacity = options.perMinute;
    this.perMs = options.perMinute / MINUTE_MS;
    this.now = options.now ?? (() => performance.now());
    this.tokens = this.capacity;
    this.updatedAt = this.now();
  }

  /** Takes a token and answers 0, or takes nothing and answers the ms until one is available. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }
}
