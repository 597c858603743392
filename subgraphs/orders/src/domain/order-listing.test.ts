import { encodeCursor, ErrorCode } from '@bookstore/kit';
import { describe, expect, it } from 'vitest';
import { decodeOrderCursor, orderCursorOf } from './order-listing.js';

const ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';

describe('order cursors', () => {
  it('round-trip the creation time to the millisecond and the id', () => {
    const cursor = encodeCursor(orderCursorOf({ id: ID, createdAt: new Date('2026-01-02T03:04:05.678Z') }));
    expect(decodeOrderCursor(cursor)).toEqual(['2026-01-02T03:04:05.678Z', ID]);
    expect(decodeOrderCursor(null)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['a key of the wrong length', encodeCursor(['2026-01-02T03:04:05.678Z'])],
    ['a time without milliseconds', encodeCursor(['2026-01-02T03:04:05Z', ID])],
    ['an impossible time', encodeCursor(['2026-13-02T03:04:05.678Z', ID])],
    ['an id that is no UUID', encodeCursor(['2026-01-02T03:04:05.678Z', 'x'])],
  ])('rejects %s', (_case, after) => {
    expect(() => decodeOrderCursor(after)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, field: 'after' }) }));
  });
});
