import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REVOCATIONS_PATH, type SubgraphDefinition } from '@bookstore/kit';
import { parse } from 'graphql';
import { createUsersContext, type UsersContext } from './context.js';
import type { UsersDeps } from './domain/deps.js';
import { JWKS_PATH, jwksRoute } from './jwks-route.js';
import { revocationWindowSeconds } from './domain/access-tokens.js';
import { usersResolvers } from './resolvers/index.js';
import { revocationsRoute } from './revocations.js';

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

// The package's only entry point: everything main.ts and embedded mode need.
export type { UsersContext } from './context.js';
export type { User } from './db/queries.js';
export type { UsersDeps, UsersSettings } from './domain/deps.js';
export { localTokenVerifier, revocationWindowSeconds, signAccessToken, type AccessTokenSettings, type TokenAudience, type TokenSubject } from './domain/access-tokens.js';
export { revocationsFromDatabase } from './revocations.js';
export { loadSigningKeys, type SigningKeys, type SigningKeySource } from './domain/signing-keys.js';
export { ensureAdmin, seedDemoUsers, type AdminAccount, type DemoAccount } from './domain/provisioning.js';
export { JWKS_PATH } from './jwks-route.js';
