import type { Logger } from '@bookstore/server-core';
import { backoffDelay, DEFAULT_CONCURRENCY, RETRY, type Job, type JobQueue, type ProcessOptions, type QueueDepth, type QueueWorker } from './job-queue.js';

interface Waiting {
  job: Job;
  /** Not before this time (retry backoff). */
  notBefore: number;
}

interface Lane {
  waiting: Waiting[];
  /** Job ids seen recently: adding one again is a no-op, as with bullmq's job ids. */
  seen: Map<string, number>;
  handler?: (job: Job) => Promise<void>;
  concurrency: number;
  active: Set<Promise<void>>;
  /** Jobs failed for good (nothing is kept to inspect, unlike bullmq: only counted). */
  failed: number;
  timer?: NodeJS.Timeout;
}

/** How long a job id is remembered for de-duplication (bullmq keeps completed jobs a day). */
const SEEN_FOR_MS = 24 * 3_600_000;

/**
 * The embedded job queue: the same contract as bullmq (job-id de-duplication, retries with
 * exponential backoff, UnrecoverableError fails at once, close waits for running jobs), in
 * memory. Jobs still waiting die with the process; SubgraphEvents' `replayOnStartMs` re-queues
 * recently relayed events at the next start, and consumers' inboxes drop the ones already handled.
 * `handledAll` tells whether a stop left any such job behind.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { waiting: [], seen: new Map(), concurrency: 1, active: new Set(), failed: 0 };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  async add(queue: string, job: Omit<Job, 'attempt'>): Promise<void> {
    if (this.closed) throw new Error('job queue is closed');
    const lane = this.lane(queue);
    const now = Date.now();
    // A Map iterates in insertion order, which is the order ids were seen: stop at the first one
    // still remembered instead of visiting every id of the last day on each add.
    for (const [id, at] of lane.seen) {
      if (now - at <= SEEN_FOR_MS) break;
      lane.seen.delete(id);
    }
    if (lane.seen.has(job.id)) return;
    lane.seen.set(job.id, now);
    // A structured clone, as a trip through Redis would make: handlers never share objects with producers.
    lane.waiting.push({ job: { ...structuredClone(job), attempt: 1 }, notBefore: now });
    this.pump(lane);
  }

  async addBulk(queue: string, jobs: Omit<Job, 'attempt'>[]): Promise<void> {
    for (const job of jobs) await this.add(queue, job);
  }

  process(queue: string, handler: (job: Job) => Promise<void>, options: ProcessOptions = {}): QueueWorker {
    const lane = this.lane(queue);
    if (lane.handler) throw new Error(`queue ${queue} already has a worker in this process`);
    lane.handler = handler;
    lane.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.pump(lane);
    return {
      close: async () => {
        lane.handler = undefined;
        clearTimeout(lane.timer);
        await Promise.allSettled([...lane.active]);
      },
    };
  }

  async depth(queue: string): Promise<QueueDepth> {
    const lane = this.lane(queue);
    const now = Date.now();
    const ready = lane.waiting.filter((w) => w.notBefore <= now).length;
    return { waiting: ready, active: lane.active.size, delayed: lane.waiting.length - ready, failed: lane.failed };
  }

  /**
   * No job is waiting, delayed, running or failed for good: every job added ran to success. Read
   * after close, it says whether anything died with the process that a next start must replay.
   */
  handledAll(): boolean {
    return [...this.lanes.values()].every((lane) => lane.waiting.length === 0 && lane.active.size === 0 && lane.failed === 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      lane.handler = undefined;
      clearTimeout(lane.timer);
    }
    await Promise.allSettled([...this.lanes.values()].flatMap((lane) => [...lane.active]));
  }

  private pump(lane: Lane): void {
    const handler = lane.handler;
    if (!handler) return;
    clearTimeout(lane.timer);
    const now = Date.now();
    while (lane.active.size < lane.concurrency) {
      const index = lane.waiting.findIndex((w) => w.notBefore <= now);
      if (index < 0) break;
      const [{ job }] = lane.waiting.splice(index, 1) as [Waiting];
      const run = this.run(lane, handler, job).finally(() => {
        lane.active.delete(run);
        this.pump(lane);
      });
      lane.active.add(run);
    }
    const next = Math.min(...lane.waiting.map((w) => w.notBefore));
    if (Number.isFinite(next) && lane.active.size < lane.concurrency) lane.timer = setTimeout(() => this.pump(lane), Math.max(0, next - now));
  }

  private async run(lane: Lane, handler: (job: Job) => Promise<void>, job: Job): Promise<void> {
    try {
      await handler(job);
    } catch (error) {
      const unrecoverable = error instanceof Error && error.name === 'UnrecoverableError';
      if (unrecoverable || job.attempt >= RETRY.attempts) {
        lane.failed++;
        this.logger.error({ err: error, jobId: job.id, job: job.name, attempt: job.attempt }, 'job failed for good');
        return;
      }
      this.logger.warn({ err: error, jobId: job.id, job: job.name, attempt: job.attempt }, 'job failed; retrying');
      lane.waiting.push({ job: { ...job, attempt: job.attempt + 1 }, notBefore: Date.now() + backoffDelay(job.attempt) });
    }
  }
}
