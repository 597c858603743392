import type * as Bullmq from 'bullmq';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@bookstore/server-core';
import { DEFAULT_CONCURRENCY, RETRY, type Job, type JobQueue, type ProcessOptions, type QueueDepth, type QueueWorker } from './job-queue.js';

export interface BullmqJobQueueOptions {
  /** Used for producers; workers get duplicates (bullmq needs a blocking connection each). */
  connection: Redis;
  /** Key prefix in Redis: separates deployments and test runs, default "bookstore". */
  prefix?: string;
  logger: Logger;
}

/**
 * The services-mode job queue on bullmq. Job id = event id, so a re-published event is not
 * queued twice while its job is retained; finished jobs are kept a bounded time.
 */
export class BullmqJobQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly prefix: string;

  /**
   * Loads bullmq first: only services mode needs it, and loading it cost every embedded start
   * (which never uses it) 0.2 s of CPU. An import() because a bundle hoists every static import.
   */
  static async open(options: BullmqJobQueueOptions): Promise<BullmqJobQueue> {
    return new BullmqJobQueue(options, await import('bullmq'));
  }

  private constructor(
    private readonly options: BullmqJobQueueOptions,
    private readonly bullmq: typeof Bullmq,
  ) {
    this.prefix = options.prefix ?? 'bookstore';
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new this.bullmq.Queue(name, {
        connection: this.options.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: RETRY.attempts,
          backoff: { type: 'exponential', delay: RETRY.backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
        },
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add(queue: string, job: Omit<Job, 'attempt'>): Promise<void> {
    await this.queue(queue).add(job.name, job.data, { jobId: job.id });
  }

  async addBulk(queue: string, jobs: Omit<Job, 'attempt'>[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queue).addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.id } })));
  }

  process(queue: string, handler: (job: Job) => Promise<void>, options: ProcessOptions = {}): QueueWorker {
    const worker = new this.bullmq.Worker(queue, (job) => handler({ id: job.id ?? '', name: job.name, data: job.data, attempt: job.attemptsMade + 1 }), {
      connection: this.options.connection.duplicate({ maxRetriesPerRequest: null }),
      prefix: this.prefix,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job whose worker died is retried rather than failed: handlers are idempotent (inbox).
      maxStalledCount: 20,
    });
    worker.on('failed', (job, error) => {
      const final = !job || job.attemptsMade >= RETRY.attempts || error.name === 'UnrecoverableError';
      this.options.logger[final ? 'error' : 'warn']({ err: error, jobId: job?.id, job: job?.name, queue }, final ? 'job failed for good' : 'job failed; retrying');
    });
    worker.on('error', (error) => this.options.logger.error({ err: error, queue }, 'queue worker error'));
    this.workers.add(worker);
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
        await worker.disconnect();
      },
    };
  }

  async depth(queue: string): Promise<QueueDepth> {
    const counts = await this.queue(queue).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return { waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0), active: counts['active'] ?? 0, delayed: counts['delayed'] ?? 0, failed: counts['failed'] ?? 0 };
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
