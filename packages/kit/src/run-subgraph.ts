import type { TokenVerifier } from './auth.js';
import { openDatabase, type Database, type DatabaseTarget } from './db.js';
import type { Consumer } from './events/catalogue.js';
import type { ProcessOptions } from './events/job-queue.js';
import type { Messaging } from './events/messaging.js';
import { SubgraphEvents, type EventHandlers } from './events/subgraph-events.js';
import type { EventTables } from './events/tables.js';
import type { Logger } from './logger.js';
import { ServiceMetrics } from './metrics.js';
import { MetricsServer, registriesSource } from './metrics-server.js';
import { createSubgraphServer, type RequestContext, type SubgraphDefinition } from './subgraph-server.js';

/** How a subgraph takes part in the event flow. */
export interface SubgraphEventOptions {
  tables: EventTables;
  messaging: Messaging;
  /** The queue this subgraph consumes, and its handlers; omit for a subgraph that only writes events. */
  consume?: { consumer: Consumer; handlers: (db: Database, events: SubgraphEvents) => EventHandlers; options?: ProcessOptions };
  /** See SubgraphEventsOptions.replayOnStartMs (embedded mode). */
  replayOnStartMs?: number;
  /** Relay poll interval; default 250 ms. */
  pollIntervalMs?: number;
}

export interface RunSubgraphOptions<TContext extends RequestContext> {
  /** The Postgres schema the subgraph owns, e.g. "users"; also the `source` of its events. */
  dbSchema: string;
  migrationsFolder: string;
  target: DatabaseTarget;
  /** Builds the subgraph once its database is migrated (subgraph.ts); `events` is set when `events` options are. */
  build: (db: Database, events: SubgraphEvents | undefined) => SubgraphDefinition<TContext> | Promise<SubgraphDefinition<TContext>>;
  events?: SubgraphEventOptions;
  verifyToken: TokenVerifier;
  port: number; // 0 picks a free port
  host?: string; // default 127.0.0.1
  logger: Logger;
  production: boolean;
  onQuery?: (query: string, params: unknown[]) => void;
  /** See SubgraphServerOptions.routerSecret. */
  routerSecret?: string;
  /** Report process metrics (CPU, memory, event loop) at `/metrics`; embedded mode reports them once, at the router. Default true. */
  processMetrics?: boolean;
  /**
   * Serve `/metrics` on this port of its own (0: a free one), on `host`. Unset: no metrics
   * endpoint (embedded mode serves every service's `metrics` on one port for the process).
   */
  metricsPort?: number;
}

export interface RunningSubgraph {
  url: string;
  /** The metrics endpoint's base URL when `metricsPort` was given. */
  metricsUrl: string | undefined;
  metrics: ServiceMetrics;
  db: Database;
  events: SubgraphEvents | undefined;
  stop(): Promise<void>;
}

/**
 * Opens and migrates the database, builds the subgraph, listens, then starts its event relay
 * and consumer: what every `main.ts` and embedded mode do. Stopping reverses that order, so
 * no job is taken once the server is draining and no event is lost in between.
 */
export async function runSubgraph<TContext extends RequestContext>(options: RunSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const database = await openDatabase({
    schema: options.dbSchema,
    target: options.target,
    migrationsFolder: options.migrationsFolder,
    onQuery: options.onQuery,
  });
  try {
    const { db } = database;
    const eventOptions = options.events;
    const events = eventOptions
      ? new SubgraphEvents({
          db,
          tables: eventOptions.tables,
          source: options.dbSchema,
          queue: eventOptions.messaging.queue,
          pubsub: eventOptions.messaging.pubsub,
          logger: options.logger,
          replayOnStartMs: eventOptions.replayOnStartMs,
          pollIntervalMs: eventOptions.pollIntervalMs,
        })
      : undefined;
    const definition = await options.build(db, events);
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
      { verifyToken: options.verifyToken, logger: options.logger, production: options.production, routerSecret: options.routerSecret, metrics },
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
    if (events && eventOptions) {
      const consume = eventOptions.consume;
      events.start(consume ? { consumer: consume.consumer, handlers: consume.handlers(db, events), options: consume.options } : undefined);
    }
    return {
      url,
      metricsUrl,
      metrics,
      db,
      events,
      async stop() {
        await events?.stop();
        await server.stop();
        await metricsServer?.stop();
        await database.close();
      },
    };
  } catch (error) {
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
