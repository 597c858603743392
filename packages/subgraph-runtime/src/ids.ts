import { BadUserInputError } from '@bookstore/server-core';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuid.test(value);
}

/** Entity ids are UUIDs; anything else is BAD_USER_INPUT naming the argument, never a SQL error. */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(`${field} is not a valid id.`, field);
  return value.toLowerCase();
}
