import { BadUserInputError, NotFoundError, type Viewer } from '@bookstore/server-core';
import { updateActiveUser, type ProfilePatch, type User } from '../db/queries.js';
import type { UsersDependencies } from '../deps.js';
import { parseEmail, parseName, parseUsername } from '../domain/validation.js';
import { accountGone, rethrowAsConflict } from './account-errors.js';

export interface UpdateProfileInput {
  name?: string | null;
  email?: string | null;
  username?: string | null;
}

/** `updateProfile`: the caller's own name, email or username. */
export async function updateProfile(deps: UsersDependencies, viewer: Viewer, input: UpdateProfileInput): Promise<User> {
  const user = await changeProfile(deps, viewer.id, input);
  if (!user) throw accountGone();
  return user;
}

/** `updateUser`: an ADMIN changes another user's profile, by the same rules; an unknown or deleted user is NOT_FOUND. */
export async function updateUser(deps: UsersDependencies, userId: string, input: UpdateProfileInput): Promise<User> {
  const user = await changeProfile(deps, userId, input);
  if (!user) throw new NotFoundError('User');
  return user;
}

/**
 * Changes an active user's name, email or username; a taken email or username is a CONFLICT
 * naming it. Undefined when no active user has this id.
 */
async function changeProfile(deps: UsersDependencies, userId: string, input: UpdateProfileInput): Promise<User | undefined> {
  const patch: ProfilePatch = {};
  if (input.email !== undefined) patch.email = parseEmail(required(input.email, 'input.email'), 'input.email');
  if (input.username !== undefined) patch.username = parseUsername(required(input.username, 'input.username'), 'input.username');
  if (input.name !== undefined) patch.name = parseName(input.name, 'input.name');
  if (Object.keys(patch).length === 0) throw new BadUserInputError('input must set at least one of name, email and username.', 'input');
  return updateActiveUser(deps.db, userId, patch).catch(rethrowAsConflict('input'));
}

function required(value: string | null, field: string): string {
  if (value === null) throw new BadUserInputError(`${field} cannot be null; omit it to keep the current value.`, field);
  return value;
}
