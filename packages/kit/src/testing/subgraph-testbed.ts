import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { expect } from 'vitest';
import type { Role } from '../auth.js';
import type { DatabaseTarget } from '../db.js';
import type { Messaging } from '../events/messaging.js';
import type { Logger } from '../logger.js';
import type { RunSubgraphOptions } from '../run-subgraph.js';
import { openTestTarget, queryCounter, type QueryCounter, type TargetKind } from './database.js';
import { testConfig } from './config.js';
import { openTestMessaging } from './events.js';
import { createTestIssuer, type TestIssuer } from './tokens.js';

/** A caller with a fresh random id and a signed access token. */
export interface TestCaller {
  id: string;
  token: string;
}

/**
 * What every event-driven subgraph's test harness starts from: a fresh database (PostgreSQL or
 * PGlite), messaging to match (bullmq and Redis pub/sub, or in-process) with its own prefix, a
 * token issuer, an SQL statement counter, and one stack of disposers run in reverse on dispose.
 */
export interface SubgraphTestbed {
  target: DatabaseTarget;
  messaging: Messaging;
  /** The Redis key prefix of `messaging` (services mode). */
  prefix: string;
  issuer: TestIssuer;
  /** A new caller with a random UUID id and `role`, valid for an hour. */
  sign(role: Role): Promise<TestCaller>;
  queries: QueryCounter;
  /** runSubgraph's options for a test server (add the subgraph's `settings`): this database and messaging, the issuer's keys, a free port, SQL counted. */
  serverOptions: Omit<RunSubgraphOptions, 'settings'>;
  /** Resolves once bullmq has completed job `jobId` on `queue` (the postgres target: bullmq on Redis). */
  jobCompleted(queue: string, jobId: string): Promise<void>;
  /** Runs `disposer` on dispose, before everything registered earlier. */
  defer(disposer: () => Promise<void>): void;
  dispose(): Promise<void>;
}

export async function openSubgraphTestbed(kind: TargetKind, name: string, logger: Logger): Promise<SubgraphTestbed> {
  const issuer = await createTestIssuer(`${name}-tests`, 'bookstore-tests');
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async () => {
    for (const disposer of disposers.splice(0).reverse()) await disposer();
  };
  try {
    const { target, dispose: disposeTarget } = await openTestTarget(kind, name);
    disposers.push(disposeTarget);
    const { messaging, prefix, dispose: disposeMessaging } = openTestMessaging(kind, name, logger);
    disposers.push(disposeMessaging);
    const queues = new Map<string, Queue>();
    disposers.push(async () => void (await Promise.all([...queues.values()].map((queue) => queue.close()))));
    const queries = queryCounter();
    return {
      target,
      messaging,
      prefix,
      issuer,
      async sign(role) {
        const id = randomUUID();
        return { id, token: await issuer.sign(id, { role, expiresIn: 3600 }) };
      },
      queries,
      serverOptions: {
        target,
        messaging,
        verifyToken: () => issuer.verifyToken,
        tokens: { issuer: issuer.issuer, audience: issuer.audience, revocationPollMs: 60_000 },
        port: 0,
        logger,
        production: false,
        onQuery: queries.onQuery,
      },
      async jobCompleted(queueName, jobId) {
        if (kind !== 'postgres') throw new Error('jobCompleted needs bullmq (the postgres target)');
        let queue = queues.get(queueName);
        if (!queue) {
          const { hostname, port } = new URL(testConfig.redisUrl);
          queue = new Queue(queueName, { connection: { host: hostname, port: Number(port || 6379) }, prefix });
          queues.set(queueName, queue);
        }
        const watched = queue;
        await expect.poll(() => watched.getJobState(jobId), { timeout: 10_000, interval: 20 }).toBe('completed');
      },
      defer: (disposer) => void disposers.push(disposer),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
