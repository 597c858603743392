import { JWKS_PATH, sendJson, type RouteHandler } from '@bookstore/server-core';
import type { SigningKeys } from './domain/signing-keys.js';

export { JWKS_PATH };

/** Five minutes of caching: verifiers refetch on an unknown `kid` anyway, so a key rotation is not held up. */
export function jwksRoute(keys: SigningKeys): RouteHandler {
  return (_req, res) => sendJson(res, 200, keys.jwks, { 'cache-control': 'public, max-age=300' });
}
