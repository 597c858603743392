import { BadUserInputError } from '@bookstore/server-core';

// Input checks shared by every subgraph's domain rules; each failure names the field.

/** Length as a reader counts it: code points, so an emoji or accented letter counts once. */
export function charLength(value: string): number {
  return [...value].length;
}

/** A trimmed text of 1..max characters. */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BadUserInputError(`${field} must not be empty.`, field);
  if (charLength(trimmed) > max) throw new BadUserInputError(`${field} must be at most ${max} characters.`, field);
  return trimmed;
}

/** A trimmed text of at most max characters; null or blank means "none". */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  if (charLength(trimmed) > max) throw new BadUserInputError(`${field} must be at most ${max} characters.`, field);
  return trimmed;
}

export function intInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${field} must be a whole number from ${min} to ${max}.`, field);
  }
  return value;
}

/** Update inputs: a field left out is unchanged, but null is only meaningful for optional fields. */
export function notNull<T>(value: T | null, field: string): T {
  if (value === null) throw new BadUserInputError(`${field} must not be null.`, field);
  return value;
}
