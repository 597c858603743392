import { BadUserInputError, type Viewer } from '@bookstore/server-core';
import { findCredentialsById, revokeRefreshTokens, updateActiveUser } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { checkPasswordStrength } from '../domain/password-policy.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { accountGone } from './account-errors.js';

/** Revokes every refresh token of the user: a password change must end sessions a thief may hold. */
export async function changePassword(deps: UsersDependencies, viewer: Viewer, currentPassword: string, newPassword: string): Promise<true> {
  const found = await findCredentialsById(deps.db, viewer.id);
  if (!found?.passwordHash) throw accountGone();
  if (!(await verifyPassword(found.passwordHash, currentPassword))) throw new BadUserInputError('currentPassword is incorrect.', 'currentPassword');
  const { user } = found;
  await checkPasswordStrength(newPassword, [user.username, user.email, user.name], 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    if (!(await updateActiveUser(tx, user.id, { passwordHash }))) throw accountGone();
    await revokeRefreshTokens(tx, { userId: user.id });
  });
  return true;
}
