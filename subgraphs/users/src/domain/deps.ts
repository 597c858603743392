import type { Database, RateLimits } from '@bookstore/kit';
import type { AccessTokenSettings } from './access-tokens.js';
import type { SigningKeys } from './signing-keys.js';

export interface UsersSettings extends AccessTokenSettings {
  /** Lifetime of a refresh token in days (config REFRESH_TOKEN_TTL_DAYS, default 30); each rotation starts a new one. */
  refreshTokenTtlDays: number;
}

/** Everything the users subgraph needs; built by main.ts or embedded mode, never from the environment. */
export interface UsersDeps {
  db: Database;
  keys: SigningKeys;
  settings: UsersSettings;
  /** Throttles sign-in, sign-up and refresh (README, Security); none in tests that do not exercise it. */
  rateLimits?: RateLimits;
}
