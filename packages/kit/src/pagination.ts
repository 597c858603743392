import { BadUserInputError } from './errors.js';

/** API.md: lists take `first` (default 20, max 100) and an opaque `after` cursor. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | (() => Promise<number>);
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be an integer from 0 to ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}

/** A cursor is the sort key of the last row seen, opaque to clients (base64url JSON). */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes `after`, checking the key's shape with `isValid`; a malformed cursor is BAD_USER_INPUT. */
export function decodeCursor<K extends unknown[]>(after: string | null | undefined, isValid: (key: unknown[]) => key is K): K | null {
  if (after === null || after === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(key) && isValid(key)) return key;
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a valid cursor; pass an endCursor or edge cursor from an earlier page.', 'after');
}

/**
 * Builds a connection from rows fetched with `limit = first + 1` (the extra row only tells
 * whether another page exists). `totalCount` may be lazy so it is only counted when selected.
 */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => readonly unknown[], totalCount: Connection<T>['totalCount']): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
