import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

const isStringPair = (key: unknown[]): key is [string, string] => key.length === 2 && key.every((k) => typeof k === 'string');

describe('pagination', () => {
  it('defaults first to 20 and allows 0..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/first/);
    expect(() => pageSize(-1)).toThrow(/first/);
  });

  it('round-trips cursors and rejects malformed or mis-shaped ones', () => {
    const cursor = encodeCursor(['b', 'id-1']);
    expect(decodeCursor(cursor, isStringPair)).toEqual(['b', 'id-1']);
    expect(decodeCursor(null, isStringPair)).toBeNull();
    expect(() => decodeCursor('not-base64-json', isStringPair)).toThrow(/after/);
    expect(() => decodeCursor(encodeCursor([1, 2]), isStringPair)).toThrow(/after/);
  });

  it('builds a page from first + 1 rows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const more = toConnection(rows, 2, (r) => [r.id], 3);
    expect(more.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(more.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    const last = toConnection(rows, 5, (r) => [r.id], 3);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 5, (r: { id: string }) => [r.id], 0).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
