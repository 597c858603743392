import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@bookstore/server-core';
import { createdAtCursor, decodeCursor, decodeTimeIdCursor, encodeCursor, pageSize, paginate, timeIdCursor, toConnection, type PageQuery, type TimeIdCursor } from './pagination.js';

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

// The cursor of every list by time and id: orders, payments, reviews, loans and users.
describe('time and id cursors', () => {
  const ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
  const AT = '2026-01-02T03:04:05.678Z';

  it('round-trip the time to the millisecond and the id', () => {
    expect(decodeTimeIdCursor(encodeCursor(timeIdCursor(new Date(AT), ID)))).toEqual([AT, ID]);
    expect(createdAtCursor({ createdAt: new Date(AT), id: ID })).toEqual([AT, ID]);
    expect(decodeTimeIdCursor(null)).toBeNull();
    expect(decodeTimeIdCursor(undefined)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a key of the wrong length', encodeCursor([AT])],
    ['another list\'s key', encodeCursor(['TITLE', 'x', ID])],
    ['a time that is no time', encodeCursor(['yesterday', ID])],
    ['a time without milliseconds', encodeCursor(['2026-01-02T03:04:05Z', ID])],
    ['an impossible time', encodeCursor(['2026-13-02T03:04:05.678Z', ID])],
    ['an id that is no UUID', encodeCursor([AT, 'loan-1'])],
  ])('rejects %s, naming after', (_case, after) => {
    expect(() => decodeTimeIdCursor(after)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }));
  });
});

describe('paginate', () => {
  const rows = ['a', 'b', 'c'].map((id, i) => ({ id: `0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6${i}`, createdAt: new Date(Date.UTC(2026, 0, 3 - i)) }));
  const asked: PageQuery<TimeIdCursor>[] = [];
  const list = {
    decode: decodeTimeIdCursor,
    fetch: async (page: PageQuery<TimeIdCursor>) => {
      asked.push(page);
      return rows.slice(0, page.limit);
    },
    cursorOf: createdAtCursor,
    totalCount: 3,
  };

  it('fetches one row more than the page, after the decoded cursor, and pages by it', async () => {
    const page = await paginate({ first: 2 }, list);
    expect(page.edges.map((edge) => edge.node)).toEqual(rows.slice(0, 2));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(createdAtCursor(rows[1]!)) });
    await paginate({ first: 1, after: page.pageInfo.endCursor }, list);
    expect(asked).toEqual([
      { after: null, limit: 3 },
      { after: createdAtCursor(rows[1]!), limit: 2 },
    ]);
  });

  it('checks first and after before it fetches anything', async () => {
    asked.length = 0;
    await expect(paginate({ first: 101 }, list)).rejects.toThrow(/first/);
    await expect(paginate({ after: 'nope' }, list)).rejects.toThrow(/after/);
    expect(asked).toEqual([]);
  });
});
