/**
 * A job that no retry can fix (a malformed event, a business rule that will never pass):
 * bullmq fails it at once instead of retrying, and so does the in-process queue. Both know it by
 * its name, as bullmq's own class is known (Job.moveToFailed checks `err.name`), so this module
 * does not load bullmq: embedded mode never needs it.
 */
export class UnrecoverableError extends Error {
  override readonly name = 'UnrecoverableError';
}

export interface Job {
  /** Unique per queue: adding a job whose id is already known is a no-op. */
  id: string;
  name: string;
  data: unknown;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
}

/**
 * Jobs a consumer runs at once by default. A saga handler spends its time waiting on PostgreSQL
 * round trips, not on this process's CPU, so slots are cheap; with 4, the orders consumer was
 * where orders queued in the order-pipeline benchmark. 8 leaves 2 of a subgraph's 10 pooled
 * connections to its requests and relay. More slots change no guarantee: handlers already ran 4
 * at a time, so events of one order may be handled in any order, and each handler locks its row
 * and ignores an event its state has moved past (the inbox drops redeliveries).
 */
export const DEFAULT_CONCURRENCY = 8;

export interface ProcessOptions {
  /** Jobs run at once by this process, default DEFAULT_CONCURRENCY (8). */
  concurrency?: number;
  /** How long a job may run before another worker may take it over (crash recovery), default 30 000 ms. */
  lockDurationMs?: number;
  /** How often locks of crashed workers are checked, default 30 000 ms. */
  stalledIntervalMs?: number;
}

export interface QueueWorker {
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

/** Jobs of one queue by state, for metrics. */
export interface QueueDepth {
  /** Ready to run now. */
  waiting: number;
  active: number;
  /** Waiting for a retry backoff (or a delay) to pass. */
  delayed: number;
  /** Failed for good and kept for inspection. */
  failed: number;
}

/**
 * The job queue both modes implement: bullmq on Redis (services) and an in-process queue
 * (embedded). Failed jobs retry with exponential backoff; `UnrecoverableError` never retries.
 */
export interface JobQueue {
  add(queue: string, job: Omit<Job, 'attempt'>): Promise<void>;
  /** Adds several jobs in one round trip, in order (same de-duplication by id as `add`). */
  addBulk(queue: string, jobs: Omit<Job, 'attempt'>[]): Promise<void>;
  process(queue: string, handler: (job: Job) => Promise<void>, options?: ProcessOptions): QueueWorker;
  depth(queue: string): Promise<QueueDepth>;
  close(): Promise<void>;
}

/** Retry policy shared by both adapters. */
export const RETRY = {
  /** 15 attempts with exponential backoff from 0.5 s: about 4.5 hours before a job gives up. */
  attempts: 15,
  backoffMs: 500,
} as const;

export function backoffDelay(attempt: number): number {
  return RETRY.backoffMs * 2 ** (attempt - 1);
}
