import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

/** The users subgraph's own settings, read alike in services mode and embedded mode. */
const schema = z.object({
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
});

export type UsersConfigSettings = z.infer<typeof schema>;

export const usersSettings = {
  port: 4001,
  schema,
  check: (settings: UsersConfigSettings) =>
    (settings.ADMIN_EMAIL === undefined) === (settings.ADMIN_PASSWORD === undefined) ? [] : ['ADMIN_PASSWORD: set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first ADMIN, or neither'],
} satisfies SubgraphSettings<typeof schema.shape>;

/** The users process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(usersSettings, environment);
}
