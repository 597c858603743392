import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RevocationList, REVOCATIONS_PATH } from '@bookstore/server-core';
import { defineSubgraph, subgraphContext, type BuiltSubgraph } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';
import { ensureAdmin } from './commands/ensure-admin.js';
import { usersSettings } from './config.js';
import type { UsersContext } from './context.js';
import type { UsersDependencies } from './deps.js';
import { localTokenVerifier, revocationWindowSeconds } from './domain/access-tokens.js';
import { loadSigningKeys } from './domain/signing-keys.js';
import { JWKS_PATH, jwksRoute } from './jwks-route.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { revocationsFromDatabase, revocationsRoute } from './revocations.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/**
 * The users subgraph (owns User, signs tokens, serves the JWKS and the revocation list), built
 * from its dependencies; it never listens. It signs the access tokens, so it checks them with its
 * own keys and its own revocation list.
 */
export function buildUsers(deps: UsersDependencies): BuiltSubgraph<UsersContext> {
  return {
    graphql: {
      name: 'users',
      typeDefs,
      resolvers,
      createContext: subgraphContext(deps, createLoaders),
      routes: { [JWKS_PATH]: jwksRoute(deps.keys) },
      privateRoutes: { [REVOCATIONS_PATH]: revocationsRoute(deps.db, revocationWindowSeconds(deps.settings)) },
    },
    verifyToken: localTokenVerifier(deps.keys, deps.settings, deps.revocations),
  };
}

/**
 * The users subgraph as services mode and embedded mode run it: its signing key (configured, or
 * generated into the data directory outside production), the first ADMIN when configured, and
 * its revocation list polled from its own database.
 */
export const usersSubgraph = defineSubgraph({
  name: 'users',
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  settings: usersSettings,
  build: async ({ db, settings, tokens, messaging, logger, production, dataDir }) => {
    const keys = await loadSigningKeys({ privateKeyPem: settings.JWT_PRIVATE_KEY, dataDir, production });
    const usersSettings = { issuer: tokens.issuer, audience: tokens.audience, accessTokenTtlSeconds: settings.ACCESS_TOKEN_TTL_SECONDS, refreshTokenTtlDays: settings.REFRESH_TOKEN_TTL_DAYS };
    // Before listening, so the first request can already sign in as the configured ADMIN.
    if (settings.ADMIN_EMAIL && settings.ADMIN_PASSWORD) {
      const created = await ensureAdmin(db, { email: settings.ADMIN_EMAIL, username: settings.ADMIN_USERNAME, password: settings.ADMIN_PASSWORD });
      logger.info({ username: settings.ADMIN_USERNAME, created }, created ? 'created the first ADMIN' : 'ADMIN_EMAIL or ADMIN_USERNAME already has an account; left it unchanged');
    }
    const revocations = new RevocationList({ intervalMs: tokens.revocationPollMs, logger }).start(revocationsFromDatabase(db, revocationWindowSeconds(usersSettings)));
    return { ...buildUsers({ db, keys, settings: usersSettings, rateLimits: messaging.rateLimits, revocations }), stop: () => revocations.stop() };
  },
});

// The package's only entry point: everything main.ts, embedded mode and the seed script need.
export type { UsersContext } from './context.js';
export type { UsersDependencies, UsersSettings } from './deps.js';
export { seedDemoUsers, type DemoAccount } from './seed/seed-demo-users.js';
