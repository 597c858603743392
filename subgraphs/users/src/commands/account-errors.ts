import { ConflictError, UnauthenticatedError } from '@bookstore/server-core';
import { isUniqueViolation } from '@bookstore/subgraph-runtime';
import { USER_EMAIL_UNIQUE, USER_USERNAME_UNIQUE } from '../db/schema.js';

/**
 * The unique indexes decide duplicates, not a prior SELECT, so two concurrent registrations of
 * one email cannot both pass; the loser gets CONFLICT naming its field.
 */
export function rethrowAsConflict(prefix: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, USER_EMAIL_UNIQUE)) throw new ConflictError(`${prefix}.email is already registered.`, `${prefix}.email`);
    if (isUniqueViolation(error, USER_USERNAME_UNIQUE)) throw new ConflictError(`${prefix}.username is already taken.`, `${prefix}.username`);
    throw error;
  };
}

// A valid access token outlives its account until the revocation list reaches its verifier.
export const accountGone = () => new UnauthenticatedError('This account no longer exists.');
