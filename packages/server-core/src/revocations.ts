import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { ROUTER_SECRET_HEADER } from './router-secret.js';

/**
 * Access tokens are short-lived and verified without asking the users subgraph, so by
 * themselves they outlive a deleted account or a changed role by up to their TTL. Users counts
 * a version per account (the `ver` claim of its tokens) and bumps it when it deletes the account
 * or changes its role; it serves the recent bumps as a small list, which every verifier polls.
 * A token whose version is below its subject's entry is revoked.
 */
export interface RevocationEntry {
  /** The user id (a token's `sub`). */
  sub: string;
  /** Tokens of this user with a lower `ver` are revoked. */
  ver: number;
}

/** What a token verifier asks: is this subject's token of this version revoked? */
export interface RevocationCheck {
  isRevoked(subject: string, tokenVersion: number): boolean;
}

/** A revocation list that also says when it changed, so open sockets can be checked again (RevocationList is one). */
export interface RevocationWatch extends RevocationCheck {
  /** Calls `listener` after each change of the list; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** The users subgraph's route serving the list (GET, only with the router's secret, like /graphql). */
export const REVOCATIONS_PATH = '/revocations';

/** The body of `GET /revocations`. */
export const revocationListSchema = z.object({ revocations: z.array(z.object({ sub: z.string().min(1), ver: z.number().int().min(0) })) });
export type RevocationListBody = z.infer<typeof revocationListSchema>;

/** Loads the current list, or says it has not changed since the last load. */
export type RevocationLoader = () => Promise<RevocationEntry[] | 'unchanged'>;

export interface RevocationListOptions {
  /** How often to load the list, in ms; default 5_000 (5 seconds): how long a revoked token may still pass. */
  intervalMs?: number;
  /**
   * How long after start() a list that has never loaded is no outage yet, in ms; default 30_000
   * (30 seconds): processes start together and the signer (users) may not listen yet.
   */
  startupGraceMs?: number;
  logger: Logger;
}

/**
 * The revocation list a process holds, kept current by polling in the background. A request
 * never waits for a poll: it is checked against the last list loaded. When the list cannot be
 * loaded, the last good one stays (a revocation is never forgotten because users is down) and
 * one warning says so until a load succeeds again; before the first load, only once the start-up
 * grace is over.
 */
export class RevocationList implements RevocationWatch {
  private minimumVersion = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private load: RevocationLoader | undefined;
  private failing = false;
  private stopped = false;
  private loadedOnce = false;
  private graceEndsAt = 0;
  private readonly intervalMs: number;

  constructor(private readonly options: RevocationListOptions) {
    this.intervalMs = options.intervalMs ?? 5_000;
  }

  /** Loads now, then every interval until stop(). The timer never keeps a process alive. */
  start(load: RevocationLoader): this {
    this.load = load;
    this.stopped = false;
    this.graceEndsAt = Date.now() + (this.options.startupGraceMs ?? 30_000);
    void this.poll();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  isRevoked(subject: string, tokenVersion: number): boolean {
    const minimum = this.minimumVersion.get(subject);
    return minimum !== undefined && tokenVersion < minimum;
  }

  /** Calls `listener` after each load that changed the list (the router closes revoked sockets); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async poll(): Promise<void> {
    try {
      const loaded = await this.load!();
      if (this.failing) this.options.logger.info('the revocation list loads again');
      this.failing = false;
      this.loadedOnce = true;
      if (loaded !== 'unchanged') this.replace(loaded);
    } catch (error) {
      // A load cut short by stop() (the database closing) is no outage, nor is the signer still starting.
      const starting = !this.loadedOnce && Date.now() < this.graceEndsAt;
      if (starting && !this.stopped) this.options.logger.debug({ reason: reasonOf(error) }, 'the revocation list is not loaded yet; retrying');
      else if (!this.failing && !this.stopped) this.options.logger.warn({ reason: reasonOf(error) }, 'cannot load the revocation list; keeping the last one until it loads');
      if (!starting) this.failing = true;
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }

  private replace(entries: RevocationEntry[]): void {
    const next = new Map(entries.map((entry) => [entry.sub, entry.ver]));
    const changed = next.size !== this.minimumVersion.size || [...next].some(([sub, ver]) => this.minimumVersion.get(sub) !== ver);
    this.minimumVersion = next;
    if (changed) for (const listener of this.listeners) listener();
  }
}

/**
 * Loads the list from the users subgraph's `GET /revocations`, with the router's secret, and
 * with the last ETag so an unchanged list costs a 304 and no parsing.
 */
export function revocationsOverHttp(url: URL, options: { routerSecret?: string; timeoutMs?: number } = {}): RevocationLoader {
  let etag: string | undefined;
  return async () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.routerSecret) headers[ROUTER_SECRET_HEADER] = options.routerSecret;
    if (etag) headers['if-none-match'] = etag;
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
    if (response.status === 304) return 'unchanged';
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const body = revocationListSchema.parse(await response.json());
    etag = response.headers.get('etag') ?? undefined;
    return body.revocations;
  };
}

/** The ETag of a list body: equal lists, equal tags. */
export function revocationsETag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Why a load failed, without the URL (logs carry no internal addresses): an HTTP status or a socket error code. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (error.name === 'TimeoutError') return 'timeout';
  if (error instanceof z.ZodError) return 'malformed list';
  return error.message;
}
