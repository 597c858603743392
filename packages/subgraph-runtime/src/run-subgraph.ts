import type { TokenVerifier } from '@bookstore/server-core';
import { openDatabase, type Database, type DatabaseTarget } from './db.js';
import type { ProcessOptions } from './events/job-queue.js';
import type { Messaging } from './events/messaging.js';
import { SubgraphEvents } from './events/subgraph-events.js';
import type { Logger } from '@bookstore/server-core';
import { ServiceMetrics, startupPhases } from '@bookstore/server-core';
import { MetricsServer, registriesSource } from '@bookstore/server-core';
import type { BuiltSubgraph, PlainSubgraphDescriptor, SubgraphDeps, SubgraphDescriptor } from './subgraph-descriptor.js';
import { createSubgraphServer } from './subgraph-server.js';

/** In-process jobs die with the process; events relayed this recently are queued again at start. */
const REPLAY_IN_PROCESS_MS = 24 * 3_600_000;

/** Where and how a subgraph runs: what differs between services mode, embedded mode and tests. */
export interface RunSubgraphOptions {
  target: DatabaseTarget;
  /** The subgraph's own settings, parsed (settingsOf picks them from a process's configuration). */
  settings: Record<string, unknown>;
  /** Pub/sub, rate limits and, for a subgraph in the event flow, its job queue. */
  messaging: Messaging;
  /**
   * How this subgraph verifies tokens, unless it signs them itself (BuiltSubgraph.verifyToken):
   * called only then, so a token signer starts no verification it does not use.
   */
  verifyToken?: () => TokenVerifier;
  tokens: SubgraphDeps<unknown>['tokens'];
  port: number; // 0 picks a free port
  host?: string; // default 127.0.0.1
  logger: Logger;
  production: boolean;
  /** Where the process keeps files of its own; default `.data`. */
  dataDir?: string;
  onQuery?: (query: string, params: unknown[]) => void;
  /** See SubgraphServerOptions.routerSecret. */
  routerSecret?: string;
  /** Report process metrics (CPU, memory, event loop); embedded mode reports them once, at the router. Default true. */
  processMetrics?: boolean;
  /**
   * Serve `/metrics` on this port of its own (0: a free one), on `host`. Unset: no metrics
   * endpoint (embedded mode serves every service's `metrics` on one port for the process).
   */
  metricsPort?: number;
  /** How the consumer holds and takes over jobs (QUEUE_LOCK_MS); the queue's defaults otherwise. */
  queue?: ProcessOptions;
  /**
   * Start the event relay and consumer once listening (default true). False: the caller starts
   * them with `startEvents()` when it is ready to (embedded mode, once the router listens, so a
   * start's replay of recent events does not compete with the start itself).
   */
  startEvents?: boolean;
  /** See SubgraphEventsOptions.replayAfter: in-process events relayed before it are not replayed at start. */
  replayAfter?: Date;
}

export interface RunningSubgraph {
  name: string;
  /** It signs access tokens (and serves their key set and revocation list): users. */
  issuesTokens: boolean;
  url: string;
  /** The metrics endpoint's base URL when `metricsPort` was given. */
  metricsUrl: string | undefined;
  metrics: ServiceMetrics;
  db: Database;
  events: SubgraphEvents | undefined;
  /** Starts the event relay and consumer (idempotent; runSubgraph does it unless told not to). */
  startEvents(): void;
  stop(): Promise<void>;
}

/**
 * Runs one subgraph descriptor, in any mode: opens and migrates its database, builds it, listens,
 * then starts its event relay and consumer. Stopping reverses that order, so no job is taken once
 * the server is draining and no event is lost in between.
 */
export async function runSubgraph(descriptor: SubgraphDescriptor, options: RunSubgraphOptions): Promise<RunningSubgraph> {
  const { name } = descriptor;
  const phase = startupPhases(options.logger);
  const database = await openDatabase({ schema: name, target: options.target, migrationsFolder: descriptor.migrationsFolder, onQuery: options.onQuery });
  phase('database opened and migrated');
  let built: BuiltSubgraph | undefined;
  try {
    const { db } = database;
    const { messaging } = options;
    const deps = { db, settings: options.settings, logger: options.logger, messaging, production: options.production, dataDir: options.dataDir ?? '.data', tokens: options.tokens };
    let events: SubgraphEvents | undefined;
    if (descriptor.events) {
      events = new SubgraphEvents({
        db,
        tables: descriptor.events.tables,
        source: name,
        queue: messaging.queue,
        pubsub: messaging.pubsub,
        logger: options.logger,
        replayOnStartMs: messaging.kind === 'in-process' ? REPLAY_IN_PROCESS_MS : 0,
        replayAfter: options.replayAfter,
      });
      built = await descriptor.build({ ...deps, events });
    } else {
      built = await (descriptor as PlainSubgraphDescriptor).build(deps);
    }
    phase('built');
    const consumes = descriptor.events?.consumes;
    if (Boolean(consumes) !== Boolean(built.handlers)) throw new Error(`The ${name} subgraph ${consumes ? `consumes the "${consumes}" queue but built no handlers` : 'built handlers but names no queue to consume'}.`);
    const verifyToken = built.verifyToken ?? options.verifyToken?.();
    if (!verifyToken) throw new Error(`The ${name} subgraph has no way to verify tokens: give runSubgraph a verifyToken.`);
    const definition = built.graphql;
    const metrics = new ServiceMetrics(definition.name, { processMetrics: options.processMetrics });
    if (events) registerEventMetrics(metrics, events);
    const server = createSubgraphServer(
      {
        ...definition,
        ready: async () => {
          await database.ping();
          await definition.ready?.();
        },
      },
      { verifyToken, logger: options.logger, production: options.production, routerSecret: options.routerSecret, metrics },
    );
    const metricsServer = options.metricsPort === undefined ? undefined : new MetricsServer({ name: `${definition.name} subgraph`, source: registriesSource([metrics.registry]), logger: options.logger });
    let url: string;
    let metricsUrl: string | undefined;
    try {
      url = await server.listen(options.port, options.host);
      metricsUrl = await metricsServer?.listen(options.metricsPort!, options.host);
    } catch (error) {
      await metricsServer?.stop();
      await server.stop();
      throw error;
    }
    phase('listening');
    const handlers = built.handlers;
    const startEvents = () => events?.start(consumes && handlers ? { consumer: consumes, handlers, options: options.queue } : undefined);
    if (options.startEvents ?? true) startEvents();
    const running = built;
    return {
      name,
      issuesTokens: built.verifyToken !== undefined,
      url,
      metricsUrl,
      metrics,
      db,
      events,
      startEvents,
      async stop() {
        await events?.stop();
        await server.stop();
        await metricsServer?.stop();
        await running.stop?.();
        await database.close();
      },
    };
  } catch (error) {
    await built?.stop?.();
    await database.close();
    throw error;
  }
}

/** Queue depth, outbox backlog and handled events: the signs of a stuck event flow. */
function registerEventMetrics(metrics: ServiceMetrics, events: SubgraphEvents): void {
  metrics.gaugeOnScrape('events_queue_jobs', "Jobs in this subgraph's event queue, by state.", ['queue', 'state'], async () => {
    const current = await events.queueDepth();
    if (!current) return [];
    return Object.entries(current.depth).map(([state, value]) => ({ labels: { queue: current.queue, state }, value }));
  });
  metrics.gaugeOnScrape('events_outbox_backlog', 'Outbox events due and not yet relayed.', [], async () => [{ labels: {}, value: await events.outboxBacklog() }]);
  metrics.counterOnScrape('events_total', 'Events relayed from the outbox, and jobs handled, redelivered (no second effect) or failed (retried).', ['outcome'], () =>
    Object.entries(events.stats).map(([outcome, value]) => ({ labels: { outcome }, value })),
  );
}
