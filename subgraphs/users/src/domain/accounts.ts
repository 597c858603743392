import {
  BadUserInputError,
  ConflictError,
  isUniqueViolation,
  NotFoundError,
  UnauthenticatedError,
  type Role,
  type Viewer,
} from '@bookstore/kit';
import {
  anonymiseUser,
  findActiveUser,
  findCredentialsById,
  insertUser,
  lockActiveAdmins,
  revokeAccessTokens,
  revokeRefreshTokens,
  updateActiveUser,
  type ProfilePatch,
  type User,
} from '../db/queries.js';
import { USER_EMAIL_UNIQUE, USER_USERNAME_UNIQUE } from '../db/schema.js';
import { revocationWindowSeconds } from './access-tokens.js';
import type { UsersDeps } from './deps.js';
import { checkPasswordStrength } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { issueSession, type AuthPayload } from './sessions.js';
import { parseEmail, parseName, parseUsername } from './validation.js';

export interface RegisterInput {
  email: string;
  username: string;
  password: string;
  name?: string | null;
}

export interface UpdateProfileInput {
  name?: string | null;
  email?: string | null;
  username?: string | null;
}

/**
 * The unique indexes decide duplicates, not a prior SELECT, so two concurrent registrations of
 * one email cannot both pass; the loser gets CONFLICT naming its field.
 */
function rethrowAsConflict(prefix: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, USER_EMAIL_UNIQUE)) throw new ConflictError(`${prefix}.email is already registered.`, `${prefix}.email`);
    if (isUniqueViolation(error, USER_USERNAME_UNIQUE)) throw new ConflictError(`${prefix}.username is already taken.`, `${prefix}.username`);
    throw error;
  };
}

export async function register(deps: UsersDeps, input: RegisterInput): Promise<AuthPayload> {
  const email = parseEmail(input.email, 'input.email');
  const username = parseUsername(input.username, 'input.username');
  const name = parseName(input.name, 'input.name');
  checkPasswordStrength(input.password, [username, email, name], 'input.password');
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const user = await insertUser(tx, { email, username, name, role: 'CUSTOMER', passwordHash }).catch(rethrowAsConflict('input'));
    return issueSession(tx, deps, user);
  });
}

export async function updateProfile(deps: UsersDeps, viewer: Viewer, input: UpdateProfileInput): Promise<User> {
  const patch: ProfilePatch = {};
  if (input.email !== undefined) patch.email = parseEmail(required(input.email, 'input.email'), 'input.email');
  if (input.username !== undefined) patch.username = parseUsername(required(input.username, 'input.username'), 'input.username');
  if (input.name !== undefined) patch.name = parseName(input.name, 'input.name');
  if (Object.keys(patch).length === 0) throw new BadUserInputError('input must set at least one of name, email and username.', 'input');
  const user = await updateActiveUser(deps.db, viewer.id, patch).catch(rethrowAsConflict('input'));
  if (!user) throw accountGone();
  return user;
}

/** Revokes every refresh token of the user: a password change must end sessions a thief may hold. */
export async function changePassword(deps: UsersDeps, viewer: Viewer, currentPassword: string, newPassword: string): Promise<true> {
  const found = await findCredentialsById(deps.db, viewer.id);
  if (!found?.passwordHash) throw accountGone();
  if (!(await verifyPassword(found.passwordHash, currentPassword))) throw new BadUserInputError('currentPassword is incorrect.', 'currentPassword');
  const { user } = found;
  checkPasswordStrength(newPassword, [user.username, user.email, user.name], 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    if (!(await updateActiveUser(tx, user.id, { passwordHash }))) throw accountGone();
    await revokeRefreshTokens(tx, { userId: user.id });
  });
  return true;
}

/** A changed role revokes the user's access tokens, which carry the old one (README, Security). */
export async function setUserRole(deps: UsersDeps, userId: string, role: Role): Promise<User> {
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

/**
 * Soft delete (see anonymiseUser): the account can no longer sign in or be found, its id still
 * resolves. Its refresh tokens end, and its access tokens are revoked everywhere within a poll.
 */
export async function deleteUser(deps: UsersDeps, userId: string): Promise<true> {
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

function required(value: string | null, field: string): string {
  if (value === null) throw new BadUserInputError(`${field} cannot be null; omit it to keep the current value.`, field);
  return value;
}

// A valid access token outlives its account until the revocation list reaches its verifier.
const accountGone = () => new UnauthenticatedError('This account no longer exists.');
