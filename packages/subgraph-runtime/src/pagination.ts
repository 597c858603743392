import { BadUserInputError } from '@bookstore/server-core';
import { isUuid } from './ids.js';

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
 * The key of a list by time and id (orders, payments and reviews newest created first, loans
 * newest borrowed first, users oldest first): the time as a millisecond ISO instant, which is
 * what `toISOString` writes and a `timestamp(3)` column holds, so a cursor compares equal to the
 * row it came from; the id breaks ties.
 */
export type TimeIdCursor = [at: string, id: string];

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function timeIdCursor(at: Date, id: string): TimeIdCursor {
  return [at.toISOString(), id];
}

/** The cursorOf (see toConnection) of a list by creation time and id. */
export function createdAtCursor(row: { createdAt: Date; id: string }): TimeIdCursor {
  return timeIdCursor(row.createdAt, row.id);
}

/** Decodes `after` as a TimeIdCursor; anything else (another list's cursor, a time without milliseconds, an id that is no UUID) is BAD_USER_INPUT. */
export function decodeTimeIdCursor(after: string | null | undefined): TimeIdCursor | null {
  return decodeCursor(
    after,
    (key): key is TimeIdCursor => key.length === 2 && typeof key[0] === 'string' && ISO_MILLIS.test(key[0]) && !Number.isNaN(Date.parse(key[0])) && typeof key[1] === 'string' && isUuid(key[1]),
  );
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

/** What a list's query gets for one page. */
export interface PageQuery<C> {
  /** The sort key of the last row of the previous page; null for the first page. */
  after: C | null;
  /** Rows to fetch: the page size plus one, to learn whether another page exists. */
  limit: number;
}

/** A list served as Relay connections: how its cursors are read and written, its rows fetched and counted. */
export interface PagedList<T, C> {
  /** Decodes `after`; a cursor of another list is BAD_USER_INPUT naming `after`. */
  decode(after: string | null | undefined): C | null;
  fetch(page: PageQuery<C>): Promise<T[]>;
  /** The sort key a row's cursor encodes. */
  cursorOf(row: T): C;
  /** Counted only when selected, when a function. */
  totalCount: Connection<T>['totalCount'];
}

/** One page of `list` for `first` and `after` (API.md: first defaults to 20, at most 100). */
export async function paginate<T, C extends readonly unknown[]>(args: PageArgs, list: PagedList<T, C>): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const rows = await list.fetch({ after: list.decode(args.after), limit: first + 1 });
  return toConnection(rows, first, list.cursorOf, list.totalCount);
}
