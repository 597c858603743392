import { z } from 'zod';

/** Thrown at start when the environment is missing or malformed; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables once, failing fast with the names of the bad variables.
 * Each process's own `config.ts` calls this with its schema; nothing else reads `process.env`.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  // Empty strings count as unset, as in most twelve-factor tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}

/** Field builders shared by every process's config schema. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.url({ protocol: /^https?$|^postgres(ql)?$|^rediss?$/ }),
  /** A yes/no setting; without a fallback it is undefined when unset (the caller decides). */
  bool<F extends boolean | undefined>(fallback: F) {
    const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
    return (fallback === undefined ? flag.optional() : flag.default(fallback)) as F extends boolean ? z.ZodDefault<typeof flag> : z.ZodOptional<typeof flag>;
  },
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Settings every subgraph and the router share: token verification and runtime mode. */
export const sharedEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  /** Where the users subgraph publishes its signing keys. */
  JWKS_URL: env.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('bookstore-users'),
  JWT_AUDIENCE: z.string().min(1).default('bookstore'),
  /** Shared by the router and every subgraph; subgraphs refuse requests without it. Required in production. */
  SUBGRAPH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** OTLP/HTTP collector (e.g. http://otel-collector:4318): traces are exported there. Unset: tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url().optional(),
  /** The users subgraph's list of revoked tokens; default: `/revocations` at JWKS_URL's origin. */
  REVOCATIONS_URL: env.url().optional(),
  /** How often that list is polled, in ms: a deleted account's or changed role's old tokens pass at most this long. */
  REVOCATIONS_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

/** Production subgraphs must only answer the router: without the shared secret they would answer anyone. */
export function assertSubgraphSecret(config: { NODE_ENV: string; SUBGRAPH_SECRET?: string | undefined }): void {
  if (config.NODE_ENV === 'production' && !config.SUBGRAPH_SECRET) {
    throw new ConfigError(['SUBGRAPH_SECRET: required in production (the same random value, at least 32 characters, for the router and every subgraph)']);
  }
}

/** Where a subgraph process keeps its data. */
export const databaseEnvSchema = z.object({
  /** PostgreSQL URL; without it the subgraph keeps its data in PGlite under DATA_DIR. */
  DATABASE_URL: env.url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** PostgreSQL connections this process may open (plus one while it migrates). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

/** Settings of a subgraph that exchanges events: Redis in services mode, in-process otherwise. */
export const messagingEnvSchema = z.object({
  /** Redis for bullmq job queues and pub/sub; required whenever DATABASE_URL is set (services mode). */
  REDIS_URL: env.url().optional(),
  /** Prefix of every Redis key and channel, so deployments can share a Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('bookstore'),
  /** How long a job may run before a crashed worker's job is handed to another, in ms. */
  QUEUE_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
});

/**
 * Separate processes share events only through Redis: a subgraph on PostgreSQL (services mode)
 * without REDIS_URL would accept orders whose events never leave it, so it refuses to start.
 */
export function assertRedisInServicesMode(config: { DATABASE_URL?: string | undefined; REDIS_URL?: string | undefined }): void {
  if (config.DATABASE_URL && !config.REDIS_URL) {
    throw new ConfigError(['REDIS_URL: required when DATABASE_URL is set (services mode), so events reach the other subgraphs']);
  }
}
