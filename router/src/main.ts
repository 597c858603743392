import cluster from 'node:cluster';
import { assertSubgraphSecret, createLogger, MetricsServer, RateLimits, registriesSource, runMain, startRemoteTokenVerification, startTracing } from '@bookstore/server-core';
import { Redis } from 'ioredis';
import { loadConfig, routerOptionsOf } from './config.js';
import { createRouter } from './router.js';
import { clusterMetricsServer, shareMetricsWithPrimary } from './cluster-metrics.js';
import { startRouterWorkers } from './workers.js';

runMain(async () => {
  const config = loadConfig();
  assertSubgraphSecret(config);
  const logger = createLogger('router', config.LOG_LEVEL);
  // With several workers this process only supervises them; each worker runs the code below.
  if (config.ROUTER_WORKERS > 1 && cluster.isPrimary) {
    const metricsServer = clusterMetricsServer(logger);
    await metricsServer.listen(config.METRICS_PORT, config.HOST);
    const workers = startRouterWorkers(config.ROUTER_WORKERS, logger);
    return {
      logger,
      stop: async () => {
        await workers.stop();
        await metricsServer.stop();
      },
    };
  }

  // A Redis client only with REDIS_URL: then every replica counts a client's requests together.
  // Its errors are the rate limits' to report (once per outage); reconnecting is ioredis' own.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', () => undefined);
  redis?.once('ready', () => logger.info('rate limits are shared through Redis'));
  const rateLimits = new RateLimits({ redis, prefix: config.QUEUE_PREFIX, logger });
  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: 'router', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const { verifyToken, revocations } = startRemoteTokenVerification(config, logger);
  const router = createRouter({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.SUBGRAPH_URLS,
    verifyToken,
    revocations,
    logger,
    production: config.NODE_ENV === 'production',
    subgraphSecret: config.SUBGRAPH_SECRET,
    rateLimits,
    ...routerOptionsOf(config),
  });
  // One process serves its own metrics; a worker leaves the metrics port to its primary.
  const metricsServer = cluster.isWorker ? undefined : new MetricsServer({ name: 'router', source: registriesSource([router.metrics.registry]), logger });
  if (cluster.isWorker) shareMetricsWithPrimary(router.metrics.registry);
  await router.listen(config.PORT, config.HOST);
  await metricsServer?.listen(config.METRICS_PORT, config.HOST);
  if (cluster.isWorker) {
    // Ctrl-C reaches the whole process group; a worker waits for its primary's SIGTERM instead,
    // so it drains once rather than taking the second signal as "exit now".
    process.on('SIGINT', () => undefined);
  }
  const stop = async () => {
    await router.stop();
    await metricsServer?.stop();
    redis?.disconnect();
    revocations.stop();
    await tracing?.shutdown();
  };
  return { logger, stop, ...(cluster.isWorker ? { signals: ['SIGTERM' as const] } : {}) };
});
