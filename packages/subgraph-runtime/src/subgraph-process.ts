import { join } from 'node:path';
import { z } from 'zod';
import { startRemoteTokenVerification, type RemoteTokenVerification } from '@bookstore/server-core';
import { assertRedisInServicesMode, assertSubgraphSecret, ConfigError, databaseEnvSchema, env, messagingEnvSchema, parseEnv, sharedEnvSchema } from '@bookstore/server-core';
import { announcePgliteOwner, openPglite } from './db.js';
import { tolerateFailedTypeFetches } from './db-type-fetch.js';
import { openMessaging } from './events/messaging.js';
import { runMain } from '@bookstore/server-core';
import { createLogger, type Logger } from '@bookstore/server-core';
import { runSubgraph } from './run-subgraph.js';
import { settingsOf, type SubgraphDescriptor, type SubgraphSettings } from './subgraph-descriptor.js';
import { startTracing } from '@bookstore/server-core';

/** The settings every subgraph process reads besides its own. */
export function subgraphEnvSchema(defaultPort: number) {
  return sharedEnvSchema.extend(messagingEnvSchema.shape).extend(databaseEnvSchema.shape).extend({
    PORT: env.port(defaultPort),
    /** Prometheus `/metrics`, on a port of its own: the service port with 9 for 4 (4003 -> 9403). */
    METRICS_PORT: env.port(defaultPort + 5_400),
    HOST: z.string().min(1).default('127.0.0.1'),
  });
}

export type SubgraphProcessConfig = z.infer<ReturnType<typeof subgraphEnvSchema>>;

/** A subgraph process's configuration: the shared settings and the subgraph's own, checked once. */
export function loadSubgraphConfig<TShape extends z.ZodRawShape>(
  settings: SubgraphSettings<TShape>,
  environment?: Record<string, string | undefined>,
): SubgraphProcessConfig & z.infer<z.ZodObject<TShape>> {
  const config = parseEnv(subgraphEnvSchema(settings.port).extend(settings.schema.shape), environment) as SubgraphProcessConfig & z.infer<z.ZodObject<TShape>>;
  const problems = settings.check?.(settingsOf(settings, config)) ?? [];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A subgraph's `main.ts` (services mode): runs its descriptor until SIGTERM. */
export function runSubgraphProcess(descriptor: SubgraphDescriptor): void {
  runMain(() => startSubgraphProcess(descriptor));
}

/**
 * A subgraph as its own process (services mode, or alone on PGlite): its configuration from the
 * environment, its messaging (Redis, or in process), its database, tokens verified against the
 * users subgraph's key set and revocation list, then `runSubgraph`.
 */
export async function startSubgraphProcess(descriptor: SubgraphDescriptor, environment?: Record<string, string | undefined>): Promise<{ url: string; logger: Logger; stop: () => Promise<void> }> {
  const { name } = descriptor;
  const config = loadSubgraphConfig(descriptor.settings, environment);
  const logger = createLogger(name, config.LOG_LEVEL);
  assertSubgraphSecret(config);
  if (descriptor.events) assertRedisInServicesMode(config);
  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const messaging = await openMessaging({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger });
  const stops: (() => Promise<void>)[] = [() => messaging.close(), async () => void (await tracing?.shutdown())];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const pglite = config.DATABASE_URL ? undefined : await openPglite(join(config.DATA_DIR, name));
    if (config.DATABASE_URL) tolerateFailedTypeFetches(logger);
    if (pglite) stops.push(() => pglite.close());
    let remote: RemoteTokenVerification | undefined;
    const running = await runSubgraph(descriptor, {
      target: pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: config.DATABASE_POOL_SIZE },
      settings: settingsOf(descriptor.settings, config),
      messaging,
      // Checked with the users subgraph's keys and its revocation list, polled in the background.
      verifyToken: () => (remote = startRemoteTokenVerification(config, logger)).verifyToken,
      tokens: { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, revocationPollMs: config.REVOCATIONS_POLL_MS },
      port: config.PORT,
      metricsPort: config.METRICS_PORT,
      host: config.HOST,
      logger,
      production: config.NODE_ENV === 'production',
      dataDir: config.DATA_DIR,
      routerSecret: config.SUBGRAPH_SECRET,
      queue: { lockDurationMs: config.QUEUE_LOCK_MS, stalledIntervalMs: config.QUEUE_LOCK_MS },
    });
    stops.push(running.stop, async () => remote?.revocations.stop());
    await announcePgliteOwner(pglite, `${running.url}/graphql`);
    return { url: running.url, logger, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
