import { revokeUsableRefreshToken } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { hashRefreshToken } from '../domain/refresh-tokens.js';

/** True when the token was usable and is now revoked; false otherwise, without saying why. */
export function logout(deps: UsersDependencies, refreshToken: string): Promise<boolean> {
  return revokeUsableRefreshToken(deps.db, hashRefreshToken(refreshToken), new Date());
}
