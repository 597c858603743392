import type { Logger } from '@bookstore/server-core';
import { RateLimits } from '@bookstore/server-core';
import { BullmqJobQueue } from './bullmq-queue.js';
import { InProcessJobQueue } from './in-process-queue.js';
import { InProcessPubSub } from './in-process-pubsub.js';
import type { JobQueue } from './job-queue.js';
import type { PubSub } from './pubsub.js';
import { RedisPubSub } from './redis-pubsub.js';

export interface Messaging {
  kind: 'redis' | 'in-process';
  queue: JobQueue;
  pubsub: PubSub;
  /** Rate limits in the same store: Redis (shared by replicas) or this process's memory. */
  rateLimits: RateLimits;
  close(): Promise<void>;
  /**
   * After close: no job died with this process, so a next start has nothing to replay. Always
   * true on Redis, which keeps them; in memory, true when every job added had run to success.
   */
  lostNoJobs(): boolean;
}

export interface MessagingOptions {
  /** Redis (services mode); without it, jobs and pub/sub stay in this process (embedded). */
  redisUrl?: string;
  /** Redis key prefix for queues and channels, default "bookstore". */
  prefix?: string;
  logger: Logger;
}

/**
 * The job queue and pub/sub of one process, on Redis or in memory. ioredis and bullmq are loaded
 * only for Redis (see BullmqJobQueue.open).
 */
export async function openMessaging(options: MessagingOptions): Promise<Messaging> {
  const prefix = options.prefix ?? 'bookstore';
  if (!options.redisUrl) {
    const queue = new InProcessJobQueue(options.logger);
    const pubsub = new InProcessPubSub();
    return {
      kind: 'in-process',
      queue,
      pubsub,
      rateLimits: new RateLimits(),
      close: async () => void (await Promise.all([queue.close(), pubsub.close()])),
      lostNoJobs: () => queue.handledAll(),
    };
  }
  // bullmq requires maxRetriesPerRequest: null so blocked commands survive reconnects.
  const { Redis } = await import('ioredis');
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on('error', (error) => options.logger.warn({ err: error }, 'redis connection error'));
  const queue = await BullmqJobQueue.open({ connection, prefix, logger: options.logger });
  const pubsub = new RedisPubSub(connection, prefix, options.logger);
  return {
    kind: 'redis',
    queue,
    pubsub,
    rateLimits: new RateLimits({ redis: connection, prefix }),
    async close() {
      await queue.close();
      await pubsub.close();
      connection.disconnect();
    },
    lostNoJobs: () => true,
  };
}
