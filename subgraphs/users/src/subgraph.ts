import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '@bookstore/kit';
import { parse } from 'graphql';
import { createUsersContext, type UsersContext } from './context.js';
import type { UsersDeps } from './domain/deps.js';
import { JWKS_PATH, jwksRoute } from './jwks-route.js';
import { usersResolvers } from './resolvers/index.js';

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
  };
}

// The package's only entry point: everything main.ts and embedded mode need.
export type { UsersContext } from './context.js';
export type { User } from './db/queries.js';
export type { UsersDeps, UsersSettings } from './domain/deps.js';
export { localTokenVerifier, signAccessToken, type AccessTokenSettings, type TokenAudience } from './domain/access-tokens.js';
export { loadSigningKeys, type SigningKeys, type SigningKeySource } from './domain/signing-keys.js';
export { ensureAdmin, seedDemoUsers, type AdminAccount, type DemoAccount } from './domain/provisioning.js';
export { JWKS_PATH } from './jwks-route.js';
