import { BadUserInputError } from '@bookstore/server-core';

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 30;
export const MAX_NAME_LENGTH = 100;

// Deliberately simple (the WHATWG `input type=email` shape): the only real test of an address is mail reaching it.
const emailShape = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const usernameShape = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Trims and lower-cases, so one mailbox is one account whatever the caller's casing. */
export function parseEmail(value: string, field: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH) throw new BadUserInputError(`${field} must be at most ${MAX_EMAIL_LENGTH} characters.`, field);
  if (!emailShape.test(email)) throw new BadUserInputError(`${field} must be a valid email address.`, field);
  return email;
}

/** Keeps the casing the user chose; uniqueness is case-insensitive in the database. */
export function parseUsername(value: string, field: string): string {
  const username = value.trim();
  if (username.length < USERNAME_MIN_LENGTH || username.length > USERNAME_MAX_LENGTH) {
    throw new BadUserInputError(`${field} must be ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters long.`, field);
  }
  if (!usernameShape.test(username)) {
    throw new BadUserInputError(`${field} must start with a letter and contain only letters, digits, "_", "." and "-".`, field);
  }
  return username;
}

/** A display name is optional: blank means none. */
export function parseName(value: string | null | undefined, field: string): string | null {
  const name = value?.trim() ?? '';
  if (name === '') return null;
  if (name.length > MAX_NAME_LENGTH) throw new BadUserInputError(`${field} must be at most ${MAX_NAME_LENGTH} characters.`, field);
  return name;
}

/** Which column a login names: an email always has "@", a username never does. */
export type LoginKey = { kind: 'email'; email: string } | { kind: 'username'; username: string };

export function parseLogin(value: string): LoginKey {
  const login = value.trim();
  return login.includes('@') ? { kind: 'email', email: login.toLowerCase() } : { kind: 'username', username: login };
}
