import { join } from 'node:path';
import { announcePgliteOwner, assertSubgraphSecret, createLogger, openPglite, RateLimits, RevocationList, runMain, runSubgraph, startTracing } from '@bookstore/kit';
import { Redis } from 'ioredis';
import { loadConfig } from './config.js';
import { buildUsersSubgraph, ensureAdmin, loadSigningKeys, localTokenVerifier, revocationsFromDatabase, revocationWindowSeconds, usersMigrationsFolder } from './subgraph.js';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger('users', config.LOG_LEVEL);
  assertSubgraphSecret(config);
  const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ serviceName: 'users', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : undefined;
  const production = config.NODE_ENV === 'production';
  const keys = await loadSigningKeys({ privateKeyPem: config.JWT_PRIVATE_KEY, dataDir: config.DATA_DIR, production });
  const settings = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
  };
  const pglite = config.DATABASE_URL ? undefined : await openPglite(join(config.DATA_DIR, 'users'));
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const rateLimits = new RateLimits({ redis, prefix: config.QUEUE_PREFIX });
  // Like every verifier, this one polls the revocation list; being users, from its own database.
  const revocations = new RevocationList({ intervalMs: config.REVOCATIONS_POLL_MS, logger });
  const running = await runSubgraph({
    dbSchema: 'users',
    migrationsFolder: usersMigrationsFolder,
    target: pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: config.DATABASE_POOL_SIZE },
    build: async (db) => {
      // Before listening, so the first request can already sign in as the configured ADMIN.
      if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
        const created = await ensureAdmin(db, { email: config.ADMIN_EMAIL, username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD });
        logger.info({ username: config.ADMIN_USERNAME, created }, created ? 'created the first ADMIN' : 'ADMIN_EMAIL or ADMIN_USERNAME already has an account; left it unchanged');
      }
      return buildUsersSubgraph({ db, keys, settings, rateLimits });
    },
    verifyToken: localTokenVerifier(keys, settings, revocations),
    port: config.PORT,
    metricsPort: config.METRICS_PORT,
    host: config.HOST,
    logger,
    production,
    routerSecret: config.SUBGRAPH_SECRET,
  });
  revocations.start(revocationsFromDatabase(running.db, revocationWindowSeconds(settings)));
  await announcePgliteOwner(pglite, `${running.url}/graphql`);
  return {
    logger,
    stop: async () => {
      revocations.stop();
      await running.stop();
      redis?.disconnect();
      await pglite?.close();
      await tracing?.shutdown();
    },
  };
});
