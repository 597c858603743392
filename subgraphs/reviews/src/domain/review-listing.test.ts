import { encodeCursor } from '@bookstore/kit';
import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/kit/testing';
import { decodeReviewCursor, reviewCursorOf } from './review-listing.js';

const ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';

describe('review cursors', () => {
  it('round-trip (createdAt, id)', () => {
    const key = reviewCursorOf({ createdAt: new Date('2026-01-02T03:04:05.678Z'), id: ID });
    expect(decodeReviewCursor(encodeCursor(key))).toEqual(['2026-01-02T03:04:05.678Z', ID]);
    expect(decodeReviewCursor(undefined)).toBeNull();
  });

  it.each([['not-a-cursor'], [encodeCursor(['yesterday', ID])], [encodeCursor(['2026-01-02T03:04:05.678Z', 'r-1'])], [encodeCursor(['2026-01-02T03:04:05Z', ID])]])('rejects %s', (after) => {
    expect(errorOf(() => decodeReviewCursor(after))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
