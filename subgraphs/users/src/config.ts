import { databaseEnvSchema, env, messagingEnvSchema, parseEnv, sharedEnvSchema } from '@bookstore/kit';
import { z } from 'zod';

/** Settings of the users subgraph process (services mode); embedded mode passes its own. */
const schema = sharedEnvSchema
  // REDIS_URL: the sign-in rate limits are counted in Redis, shared by every replica (memory without it).
  .extend(messagingEnvSchema.shape)
  .extend(databaseEnvSchema.shape)
  .extend({
    PORT: env.port(4001),
    /** Prometheus `/metrics`, on a port of its own. */
    METRICS_PORT: env.port(9401),
    HOST: z.string().min(1).default('127.0.0.1'),
    /**
     * PKCS8 PEM of the P-256 key that signs access tokens; required in production. Literal "\n"
     * sequences become newlines, since many secret stores hold a PEM on one line. Without it
     * (outside production) a key is generated once and kept at DATA_DIR/jwt-signing-key.pem.
     */
    JWT_PRIVATE_KEY: z
      .string()
      .transform((pem) => pem.replaceAll('\\n', '\n'))
      .optional(),
    /** Access token lifetime in seconds; default 900 (15 minutes), at most one day. */
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /** Refresh token lifetime in days, renewed on every rotation; default 30. */
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Email of the first ADMIN, created at start when ADMIN_PASSWORD is set too; no default. */
    ADMIN_EMAIL: z.string().min(1).optional(),
    /** Username of that first ADMIN; default "admin". */
    ADMIN_USERNAME: z.string().min(1).default('admin'),
    /** Password of that first ADMIN; must pass the password policy; no default. */
    ADMIN_PASSWORD: z.string().min(1).optional(),
  })
  .refine((config) => (config.ADMIN_EMAIL === undefined) === (config.ADMIN_PASSWORD === undefined), {
    message: 'set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first ADMIN, or neither',
    path: ['ADMIN_PASSWORD'],
  });

export type UsersConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): UsersConfig {
  return parseEnv(schema, environment);
}
