import { join } from 'node:path';
import { z } from 'zod';
import { startRemoteTokenVerification, type TokenVerifier } from './auth.js';
import { assertRedisInServicesMode, assertSubgraphSecret, databaseEnvSchema, env, messagingEnvSchema, sharedEnvSchema } from './config.js';
import { announcePgliteOwner, openPglite, type Database } from './db.js';
import type { Consumer } from './events/catalogue.js';
import { openMessaging, type Messaging } from './events/messaging.js';
import type { EventHandlers, SubgraphEvents } from './events/subgraph-events.js';
import type { EventTables } from './events/tables.js';
import { createLogger, type Logger } from './logger.js';
import { runSubgraph } from './run-subgraph.js';
import { startTracing } from './tracing.js';
import type { RequestContext, SubgraphDefinition } from './subgraph-server.js';

/** The settings every subgraph process reads; a subgraph's config.ts extends this. */
export function subgraphEnvSchema(defaultPort: number) {
  return sharedEnvSchema.extend(messagingEnvSchema.shape).extend(databaseEnvSchema.shape).extend({
    PORT: env.port(defaultPort),
    /** Prometheus `/metrics`, on a port of its own: the service port with 9 for 4 (4003 -> 9403). */
    METRICS_PORT: env.port(defaultPort + 5_400),
    HOST: z.string().min(1).default('127.0.0.1'),
  });
}

export type SubgraphProcessConfig = z.infer<ReturnType<typeof subgraphEnvSchema>>;

/** In-process jobs die with the process; events relayed this recently are queued again at start. */
const REPLAY_IN_PROCESS_MS = 24 * 3_600_000;

export interface SubgraphProcessOptions<TContext extends RequestContext> {
  /** The subgraph's name: its Postgres schema, logger name, PGlite folder and event source. */
  name: string;
  config: SubgraphProcessConfig;
  migrationsFolder: string;
  /** `events` and `pubsub` (the process's messaging, for subscriptions) are set when the `events` option is. */
  /** `messaging` is set for a subgraph in the event flow (its pub/sub and rate limits). */
  build: (db: Database, events: SubgraphEvents | undefined, logger: Logger, messaging: Messaging | undefined) => SubgraphDefinition<TContext> | Promise<SubgraphDefinition<TContext>>;
  /** Default: verify against the users subgraph's JWKS at JWKS_URL and its revocation list (startRemoteTokenVerification). */
  verifyToken?: TokenVerifier;
  /** For a subgraph in the event flow: its outbox/inbox, and the queue it consumes. */
  events?: {
    tables: EventTables;
    consume?: { consumer: Consumer; handlers: (db: Database, events: SubgraphEvents, logger: Logger) => EventHandlers };
  };
}

/**
 * A subgraph as its own process (services mode, or alone on PGlite): what each `main.ts` runs
 * inside `runMain`, so the seven entry points differ only in what is theirs.
 */
export async function startSubgraphProcess<TContext extends RequestContext>(options: SubgraphProcessOptions<TContext>): Promise<{ logger: Logger; stop: () => Promise<void> }> {
  const { config, name } = options;
  const logger = createLogger(name, config.LOG_LEVEL);
  assertSubgraphSecret(config);
  if (options.events) assertRedisInServicesMode(config);
  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const messaging = options.events ? openMessaging({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger }) : undefined;
  const pglite = config.DATABASE_URL ? undefined : await openPglite(join(config.DATA_DIR, name));
  const consume = options.events?.consume;
  // Checked with the users subgraph's keys and its revocation list, polled in the background.
  const remote = options.verifyToken ? undefined : startRemoteTokenVerification(config, logger);
  const running = await runSubgraph({
    dbSchema: name,
    migrationsFolder: options.migrationsFolder,
    target: pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: config.DATABASE_POOL_SIZE },
    build: (db, events) => options.build(db, events, logger, messaging),
    events:
      options.events && messaging
        ? {
            tables: options.events.tables,
            messaging,
            replayOnStartMs: messaging.kind === 'in-process' ? REPLAY_IN_PROCESS_MS : 0,
            consume: consume && {
              consumer: consume.consumer,
              handlers: (db, events) => consume.handlers(db, events, logger),
              options: { lockDurationMs: config.QUEUE_LOCK_MS, stalledIntervalMs: config.QUEUE_LOCK_MS },
            },
          }
        : undefined,
    verifyToken: remote?.verifyToken ?? options.verifyToken!,
    port: config.PORT,
    metricsPort: config.METRICS_PORT,
    host: config.HOST,
    logger,
    production: config.NODE_ENV === 'production',
    routerSecret: config.SUBGRAPH_SECRET,
  });
  await announcePgliteOwner(pglite, `${running.url}/graphql`);
  return {
    logger,
    stop: async () => {
      await running.stop();
      remote?.revocations.stop();
      await messaging?.close();
      await pglite?.close();
      await tracing?.shutdown();
    },
  };
}
