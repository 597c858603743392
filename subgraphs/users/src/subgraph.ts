import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineSubgraph, RevocationList, REVOCATIONS_PATH, type SubgraphDefinition } from '@bookstore/kit';
import { parse } from 'graphql';
import { usersSettings } from './config.js';
import { createUsersContext, type UsersContext } from './context.js';
import { localTokenVerifier } from './domain/access-tokens.js';
import { ensureAdmin } from './commands/ensure-admin.js';
import { loadSigningKeys } from './domain/signing-keys.js';
import type { UsersDeps } from './domain/deps.js';
import { JWKS_PATH, jwksRoute } from './jwks-route.js';
import { revocationWindowSeconds } from './domain/access-tokens.js';
import { usersResolvers } from './resolvers/index.js';
import { revocationsFromDatabase, revocationsRoute } from './revocations.js';

export const usersMigrationsFolder = fileURLToPath(new URL('./db/migrations', import.meta.url));

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The users subgraph (owns User, signs tokens, serves the JWKS); never listens itself. */
export function buildUsersSubgraph(deps: UsersDeps): SubgraphDefinition<UsersContext> {
  return {
    name: 'users',
    typeDefs,
    resolvers: usersResolvers(deps),
    createContext: createUsersContext(deps.db),
    routes: { [JWKS_PATH]: jwksRoute(deps.keys) },
    privateRoutes: { [REVOCATIONS_PATH]: revocationsRoute(deps.db, revocationWindowSeconds(deps.settings)) },
  };
}

/**
 * The users subgraph as services mode and embedded mode run it. It signs the access tokens, so it
 * checks them with its own keys, and its revocation list comes from its own database.
 */
export const usersSubgraph = defineSubgraph({
  name: 'users',
  migrationsFolder: usersMigrationsFolder,
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
    return {
      graphql: buildUsersSubgraph({ db, keys, settings: usersSettings, rateLimits: messaging.rateLimits }),
      verifyToken: localTokenVerifier(keys, usersSettings, revocations),
      stop: () => revocations.stop(),
    };
  },
});

// The package's only entry point: everything main.ts and embedded mode need.
export type { UsersContext } from './context.js';
export type { User } from './db/queries.js';
export type { UsersDeps, UsersSettings } from './domain/deps.js';
export { localTokenVerifier, revocationWindowSeconds, signAccessToken, type AccessTokenSettings, type TokenAudience, type TokenSubject } from './domain/access-tokens.js';
export { revocationsFromDatabase } from './revocations.js';
export { loadSigningKeys, type SigningKeys, type SigningKeySource } from './domain/signing-keys.js';
export { ensureAdmin, type AdminAccount } from './commands/ensure-admin.js';
export { seedDemoUsers, type DemoAccount } from './seed/seed-demo-users.js';
export { JWKS_PATH } from './jwks-route.js';
