import { ConflictError, NotFoundError, type Role } from '@bookstore/server-core';
import { findActiveUser, lockActiveAdmins, revokeAccessTokens, updateActiveUser, type User } from '../db/queries.js';
import { revocationWindowSeconds } from '../domain/access-tokens.js';
import type { UsersDependencies } from '../deps.js';

/** A changed role revokes the user's access tokens, which carry the old one (README, Security). */
export async function setUserRole(deps: UsersDependencies, userId: string, role: Role): Promise<User> {
  return deps.db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const target = await findActiveUser(tx, userId);
    if (!target) throw new NotFoundError('User');
    if (target.role === 'ADMIN' && role !== 'ADMIN' && admins.length <= 1) {
      throw new ConflictError('This is the last ADMIN; make another user ADMIN before changing this role.', 'role');
    }
    if (target.role === role) return target;
    const updated = await updateActiveUser(tx, userId, { role });
    if (!updated) throw new NotFoundError('User');
    await revokeAccessTokens(tx, userId, revocationWindowSeconds(deps.settings));
    return updated;
  });
}
