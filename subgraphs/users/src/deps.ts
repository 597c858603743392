import type { RateLimits, RevocationCheck } from '@bookstore/server-core';
import type { Database } from '@bookstore/subgraph-runtime';
import type { AccessTokenSettings } from './domain/access-tokens.js';
import type { SigningKeys } from './domain/signing-keys.js';

export interface UsersSettings extends AccessTokenSettings {
  /** Lifetime of a refresh token in days (config REFRESH_TOKEN_TTL_DAYS, default 30); each rotation starts a new one. */
  refreshTokenTtlDays: number;
}

/** Everything the users subgraph needs; built by its descriptor or a test, never from the environment. */
export interface UsersDependencies {
  /** The users database, already migrated. */
  db: Database;
  /** The key that signs access tokens, also served as the JWKS. */
  keys: SigningKeys;
  settings: UsersSettings;
  /** Throttles sign-in, sign-up and refresh (README, Security); none in tests that do not exercise it. */
  rateLimits?: RateLimits;
  /** The revoked access tokens its own verifier refuses (its database's list, polled); none in tests that count SQL. */
  revocations?: RevocationCheck;
}
