import { fileURLToPath } from 'node:url';
import { env, messagingEnvSchema, parseEnv, sharedEnvSchema } from '@bookstore/kit';
import { wsClientLimitsEnvSchema } from '@bookstore/router/config';
import { z } from 'zod';

/** Settings of embedded mode: the whole supergraph in one process. */
const schema = sharedEnvSchema.omit({ JWKS_URL: true, REVOCATIONS_URL: true }).extend(wsClientLimitsEnvSchema.shape).extend({
  /** A person reads this console: only warnings and errors, so the start-up banner stands out. */
  LOG_LEVEL: env.logLevel().default('warn'),
  /** The router (and Apollo Sandbox). */
  PORT: env.port(4000),
  /** Prometheus `/metrics` of the whole process (the router and every subgraph), for the scraper. */
  METRICS_PORT: env.port(9400),
  USERS_PORT: env.port(4001),
  CATALOG_PORT: env.port(4002),
  ORDERS_PORT: env.port(4003),
  PAYMENTS_PORT: env.port(4004),
  REVIEWS_PORT: env.port(4005),
  LOANS_PORT: env.port(4006),
  SUMMARIES_PORT: env.port(4007),
  /** Redis for jobs and pub/sub; unset, they run in this process. */
  REDIS_URL: env.url().optional(),
  /** Prefix of Redis keys and channels when REDIS_URL is set. */
  QUEUE_PREFIX: messagingEnvSchema.shape.QUEUE_PREFIX,
  /** Seconds a customer has to pay once the stock is reserved; default 900 (15 minutes). */
  PAYMENT_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PGlite data, the signing key and the demo credentials live here. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Use this PostgreSQL instead of PGlite (a schema per subgraph, as in services mode). */
  DATABASE_URL: env.url().optional(),
  /** Seed the demo catalogue and demo users on start when they are missing. */
  SEED_DEMO_DATA: env.bool(true),
  /** GraphQL requests one client address may make per minute through the router. */
  REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  SUPERGRAPH_PATH: z.string().min(1).default(fileURLToPath(new URL('../../supergraph.graphql', import.meta.url))),
});

export type EmbeddedConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): EmbeddedConfig {
  return parseEnv(schema, environment);
}
