import cluster from 'node:cluster';
import { assertSubgraphSecret, createLogger, runMain, startRemoteTokenVerification, startTracing } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { createRouter } from './router.js';
import { serveClusterMetrics } from './cluster-metrics.js';
import { startRouterWorkers } from './workers.js';

runMain(async () => {
  const config = loadConfig();
  assertSubgraphSecret(config);
  const logger = createLogger('router', config.LOG_LEVEL);
  // With several workers this process only supervises them; each worker runs the code below.
  if (config.ROUTER_WORKERS > 1 && cluster.isPrimary) {
    serveClusterMetrics();
    return { logger, ...startRouterWorkers(config.ROUTER_WORKERS, logger) };
  }

  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: 'router', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const { verifyToken, revocations } = startRemoteTokenVerification(config, logger);
  const router = createRouter({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.SUBGRAPH_URLS,
    verifyToken,
    revocations,
    logger,
    production: config.NODE_ENV === 'production',
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphSecret: config.SUBGRAPH_SECRET,
    requestsPerMinute: config.REQUESTS_PER_MINUTE,
    deduplicateQueries: config.DEDUPLICATE_QUERIES,
    trustedProxies: config.TRUSTED_PROXIES,
    safelistPath: config.SAFELIST_PATH,
    limits: { maxDepth: config.MAX_DEPTH, maxAliases: config.MAX_ALIASES, maxTokens: config.MAX_TOKENS, maxDirectives: config.MAX_DIRECTIVES, maxCost: config.MAX_COST },
    subscriptions: { maxPerConnection: config.MAX_SUBSCRIPTIONS_PER_CONNECTION, connectionInitWaitTimeoutMs: config.WS_CONNECTION_INIT_TIMEOUT_MS, upstreamRetryAttempts: config.SUBSCRIPTION_UPSTREAM_RETRIES },
  });
  await router.listen(config.PORT, config.HOST);
  if (cluster.isWorker) {
    // Ctrl-C reaches the whole process group; a worker waits for its primary's SIGTERM instead,
    // so it drains once rather than taking the second signal as "exit now".
    process.on('SIGINT', () => undefined);
  }
  const stop = async () => {
    await router.stop();
    revocations.stop();
    await tracing?.shutdown();
  };
  return { logger, stop, ...(cluster.isWorker ? { signals: ['SIGTERM' as const] } : {}) };
});
