import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { expect } from 'vitest';
import type { Role } from '@bookstore/server-core';
import type { Database, DatabaseTarget } from '@bookstore/subgraph-runtime';
import type { EventEnvelope, EventName, EventPayload } from '@bookstore/events';
import type { Messaging } from '@bookstore/subgraph-runtime';
import type { Logger } from '@bookstore/server-core';
import { runSubgraph, type RunningSubgraph, type RunSubgraphOptions } from '@bookstore/subgraph-runtime';
import type { SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { openTestTarget, queryCounter, type QueryCounter, type TargetKind } from '@bookstore/subgraph-runtime/testing';
import { deliverEvent, openTestMessaging, untilHandled, type DeliverOptions } from './events.js';
import { gql, testConfig, type GraphQLResponse } from '@bookstore/testing-base';
import { createTestIssuer, type TestIssuer } from '@bookstore/server-core/testing';

/** A caller with a fresh random id and a signed access token. */
export interface TestCaller {
  id: string;
  token: string;
}

/** A subgraph a test harness runs on a testbed: what every harness offers, whatever the subgraph. */
export interface TestSubgraph {
  /** The server's base URL (a new one after `restart`). */
  readonly url: string;
  readonly db: Database;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: { token: string }): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A new caller with a random UUID id, valid for an hour; CUSTOMER unless `role` says otherwise. */
  caller(role?: Role): Promise<TestCaller>;
  /** The number of SQL statements (matching `pattern` when given) that `run` causes. */
  countQueries(run: () => Promise<unknown>, pattern?: RegExp): Promise<number>;
  /** Puts an event on the subgraph's queue as a neighbour's relay does; the job id is the event id unless given. */
  publish<N extends EventName>(name: N, payload: EventPayload<N>, options?: DeliverOptions): Promise<EventEnvelope<N>>;
  /** Resolves once the subgraph's consumer has handled the event (its inbox holds it). */
  handled(eventId: string): Promise<void>;
  /** Resolves once bullmq has completed job `jobId` of the subgraph's queue (the postgres target only). */
  jobCompleted(jobId: string): Promise<void>;
  /** Stops the subgraph and starts it again on the same database and queues, as a deploy would. */
  restart(): Promise<void>;
  /** Stops the subgraph and disposes of everything its testbed opened. */
  stop(): Promise<void>;
}

/**
 * What every subgraph's test harness starts from: a fresh database (PostgreSQL or
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
  /** Runs `descriptor` on this testbed, stopped on dispose; `options` in place of serverOptions' (its settings default to none). */
  run(descriptor: SubgraphDescriptor, options?: Partial<RunSubgraphOptions>): Promise<TestSubgraph>;
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
    const { messaging, prefix, dispose: disposeMessaging } = await openTestMessaging(kind, name, logger);
    disposers.push(disposeMessaging);
    const queues = new Map<string, Queue>();
    disposers.push(async () => void (await Promise.all([...queues.values()].map((queue) => queue.close()))));
    const queries = queryCounter();
    const serverOptions: SubgraphTestbed['serverOptions'] = {
      target,
      messaging,
      verifyToken: () => issuer.verifyToken,
      tokens: { issuer: issuer.issuer, audience: issuer.audience, revocationPollMs: 60_000 },
      port: 0,
      logger,
      production: false,
      onQuery: queries.onQuery,
    };
    const bed: SubgraphTestbed = {
      target,
      messaging,
      prefix,
      issuer,
      async sign(role) {
        const id = randomUUID();
        return { id, token: await issuer.sign(id, { role, expiresIn: 3600 }) };
      },
      queries,
      serverOptions,
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
      async run(descriptor, options = {}) {
        const start = () => runSubgraph(descriptor, { ...serverOptions, settings: {}, ...options });
        let running: RunningSubgraph = await start();
        disposers.push(() => running.stop());
        const consumer = () => {
          if (!descriptor.events?.consumes) throw new Error(`The ${descriptor.name} subgraph consumes no queue.`);
          return { queue: descriptor.events.consumes, inbox: descriptor.events.tables.inboxTable };
        };
        return {
          get url() {
            return running.url;
          },
          get db() {
            return running.db;
          },
          request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
          caller: (role = 'CUSTOMER') => bed.sign(role),
          countQueries: (run, pattern) => queries.count(run, pattern),
          publish: (name, payload, deliver) => deliverEvent(messaging.queue, consumer().queue, name, payload, deliver),
          handled: (eventId) => untilHandled(running.db, consumer().inbox, consumer().queue, eventId),
          jobCompleted: (jobId) => bed.jobCompleted(consumer().queue, jobId),
          async restart() {
            await running.stop();
            running = await start();
          },
          stop: dispose,
        };
      },
      defer: (disposer) => void disposers.push(disposer),
      dispose,
    };
    return bed;
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Opens a testbed and builds a harness on it; when building fails, everything opened is disposed and the error rethrown. */
export async function withTestbed<T>(kind: TargetKind, name: string, logger: Logger, build: (bed: SubgraphTestbed) => Promise<T>): Promise<T> {
  const bed = await openSubgraphTestbed(kind, name, logger);
  try {
    return await build(bed);
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}
