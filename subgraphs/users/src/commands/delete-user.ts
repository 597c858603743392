import { ConflictError, NotFoundError } from '@bookstore/server-core';
import { anonymiseUser, findActiveUser, lockActiveAdmins, revokeAccessTokens, revokeRefreshTokens } from '../db/queries.js';
import { revocationWindowSeconds } from '../domain/access-tokens.js';
import type { UsersDependencies } from '../deps.js';

/**
 * Soft delete (see anonymiseUser): the account can no longer sign in or be found, its id still
 * resolves. Its refresh tokens end, and its access tokens are revoked everywhere within a poll.
 */
export async function deleteUser(deps: UsersDependencies, userId: string): Promise<true> {
  await deps.db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const target = await findActiveUser(tx, userId);
    if (!target) throw new NotFoundError('User');
    if (target.role === 'ADMIN' && admins.length <= 1) {
      throw new ConflictError('This is the last ADMIN; make another user ADMIN before deleting this one.', 'id');
    }
    await anonymiseUser(tx, userId);
    await revokeRefreshTokens(tx, { userId });
    await revokeAccessTokens(tx, userId, revocationWindowSeconds(deps.settings));
  });
  return true;
}
