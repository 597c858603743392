import { assertSubgraphSecret, createLogger, createTokenVerifier, runMain } from '@bookstore/kit';
import { loadConfig } from './config.js';
import { createRouter } from './router.js';

runMain(async () => {
  const config = loadConfig();
  assertSubgraphSecret(config);
  const logger = createLogger('router', config.LOG_LEVEL);
  const router = createRouter({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: config.SUBGRAPH_URLS,
    verifyToken: createTokenVerifier({ keys: new URL(config.JWKS_URL), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
    logger,
    production: config.NODE_ENV === 'production',
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphSecret: config.SUBGRAPH_SECRET,
    requestsPerMinute: config.REQUESTS_PER_MINUTE,
    safelistPath: config.SAFELIST_PATH,
    limits: { maxDepth: config.MAX_DEPTH, maxAliases: config.MAX_ALIASES, maxTokens: config.MAX_TOKENS, maxDirectives: config.MAX_DIRECTIVES, maxCost: config.MAX_COST },
    subscriptions: { maxPerConnection: config.MAX_SUBSCRIPTIONS_PER_CONNECTION, connectionInitWaitTimeoutMs: config.WS_CONNECTION_INIT_TIMEOUT_MS, upstreamRetryAttempts: config.SUBSCRIPTION_UPSTREAM_RETRIES },
  });
  await router.listen(config.PORT, config.HOST);
  return { logger, stop: () => router.stop() };
});
