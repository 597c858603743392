import type { IncomingMessage } from 'node:http';
import type { GraphQLResolveInfo } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from './errors.js';
import type { Logger } from './logger.js';

/** One limit: at most `points` attempts per `durationSeconds` for each key (an IP, an account). */
export interface RateLimitRule {
  /** Names the limit in Redis keys and logs, e.g. "register-ip". */
  name: string;
  points: number;
  durationSeconds: number;
}

/** A key's count under a rule, and the milliseconds until that count expires. */
export interface RateLimitUsage {
  consumed: number;
  msBeforeNext: number;
}

/**
 * Rate limits with rate-limiter-flexible: on Redis in services mode, so every replica counts
 * together; in memory in embedded mode (one process). Exceeding a limit is RATE_LIMITED with
 * the seconds to wait. A store failure (Redis down) never locks anyone out: the limit is skipped.
 *
 * Besides `consume`, the library's other operations (get, penalty, reward, delete, block, and a
 * consume with its own window: gate) serve limits that count only some outcomes, such as failed
 * sign-ins (rate-limiter-flexible's "login endpoint protection" pattern).
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private storeFailing = false;

  /** `logger`: told once when the Redis store starts failing and once when it is back. */
  constructor(private readonly store: { redis?: Redis; prefix?: string; logger?: Logger } = {}) {}

  /** Counts `points` attempts (default one) for `key` under `rule`; throws RateLimitedError when over the limit. */
  async consume(rule: RateLimitRule, key: string, points = 1): Promise<void> {
    try {
      await this.limiter(rule).consume(key, points);
      this.storeAnswered();
    } catch (rejection) {
      // A Redis failure must not lock everyone out: the limit is skipped, the request proceeds.
      if (!(rejection instanceof RateLimiterRes)) return this.storeFailed(rejection);
      this.storeAnswered();
      throw new RateLimitedError('Too many attempts; try again later.', Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
  }

  /**
   * For a root mutation field with a side effect (a payment): counts every call of that field in
   * the operation at once, before the first one runs, so an operation over the limit is refused
   * whole. Counting call by call would run `a: payOrder` and refuse `b: payOrder` in one request,
   * and a non-null `b` nulls the whole answer: the client would see a failure while `a` paid.
   */
  async consumeForOperation(request: object, info: GraphQLResolveInfo, attempts: readonly [RateLimitRule, string][]): Promise<void> {
    let started = this.operations.get(request);
    if (!started) this.operations.set(request, (started = new Map()));
    const field = info.fieldName;
    let consumed = started.get(field);
    if (!consumed) {
      const calls = info.operation.selectionSet.selections.filter((selection) => selection.kind === 'Field' && selection.name.value === field).length;
      consumed = (async () => {
        for (const [rule, key] of attempts) await this.consume(rule, key, Math.max(1, calls));
      })();
      started.set(field, consumed);
    }
    await consumed;
  }

  /** Per request (its context object) and root field: the one consumption its calls share. */
  private readonly operations = new WeakMap<object, Map<string, Promise<void>>>();

  // Once per outage, not per request: a flood during an outage would otherwise flood the log.
  private storeFailed(error: unknown): void {
    if (this.storeFailing) return;
    this.storeFailing = true;
    this.store.logger?.warn({ err: error }, 'rate limit store (Redis) unavailable: rate limits are not counted until it is back');
  }

  private storeAnswered(): void {
    if (!this.storeFailing) return;
    this.storeFailing = false;
    this.store.logger?.info('rate limit store (Redis) is back: rate limits are counted again');
  }

  private limiter(rule: RateLimitRule): RateLimiterAbstract {
    let limiter = this.limiters.get(rule.name);
    if (!limiter) {
      const options = { keyPrefix: `${this.store.prefix ?? 'bookstore'}:rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
      // rejectIfRedisNotReady: while Redis is down, fail at once (and skip the limit) instead of
      // waiting in ioredis' offline queue, which holds commands until it reconnects.
      limiter = this.store.redis ? new RateLimiterRedis({ ...options, storeClient: this.store.redis, rejectIfRedisNotReady: true }) : new RateLimiterMemory(options);
      this.limiters.set(rule.name, limiter);
    }
    return limiter;
  }

  /** The key's current usage; undefined when it has none (or the store is unreachable). */
  async get(rule: RateLimitRule, key: string): Promise<RateLimitUsage | undefined> {
    return usage(await this.limiter(rule).get(key).catch(() => null));
  }

  /** Adds `points` to the key's count without ever refusing; the usage after, undefined when the store is unreachable. */
  async penalty(rule: RateLimitRule, key: string, points = 1): Promise<RateLimitUsage | undefined> {
    return usage(await this.limiter(rule).penalty(key, points).catch(() => null));
  }

  /** Takes `points` back from the key's count (an attempt that turned out not to count). */
  async reward(rule: RateLimitRule, key: string, points = 1): Promise<void> {
    await this.limiter(rule).reward(key, points).catch(() => undefined);
  }

  /** Forgets the key's count. */
  async delete(rule: RateLimitRule, key: string): Promise<void> {
    await this.limiter(rule).delete(key).catch(() => undefined);
  }

  /** Marks the key as over its limit for `seconds` from now, replacing whatever it had. */
  async block(rule: RateLimitRule, key: string, seconds: number): Promise<void> {
    await this.limiter(rule).block(key, seconds).catch(() => undefined);
  }

  /**
   * Lets one attempt for `key` through per `seconds` (a consume of a one-point `rule` whose window
   * this call sets when it opens one): a delay whose length varies per key, such as one that grows
   * with failures. Throws RateLimitedError with `message` and the seconds left otherwise.
   */
  async gate(rule: RateLimitRule, key: string, seconds: number, message: string): Promise<void> {
    try {
      await this.limiter(rule).consume(key, 1, { customDuration: seconds });
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return;
      throw new RateLimitedError(message, retryAfterSeconds(rejection.msBeforeNext));
    }
  }
}

/** Whole seconds to wait, at least one (a client retrying after 0 s would be refused again). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

function usage(res: RateLimiterRes | null): RateLimitUsage | undefined {
  return res ? { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext } : undefined;
}

/** The header by which the router tells subgraphs the caller's address (it builds it itself). */
export const CLIENT_IP_HEADER = 'x-client-ip';

/**
 * The caller's address: the router's header when present (subgraphs behind a router secret only
 * admit the router, which never forwards a client's copy), else the socket's peer.
 */
export function clientIpOf(req: IncomingMessage): string {
  const forwarded = req.headers[CLIENT_IP_HEADER];
  if (typeof forwarded === 'string' && forwarded.length > 0 && forwarded.length <= 64) return forwarded;
  return req.socket.remoteAddress ?? 'unknown';
}
