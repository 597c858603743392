import { encodeCursor } from '@bookstore/kit';
import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/kit/testing';
import { decodeLoanCursor, loanCursorOf } from './loan-listing.js';

const ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';

describe('loan cursors', () => {
  it('round-trip (borrowedAt, id)', () => {
    const key = loanCursorOf({ borrowedAt: new Date('2026-01-02T03:04:05.678Z'), id: ID });
    expect(decodeLoanCursor(encodeCursor(key))).toEqual(['2026-01-02T03:04:05.678Z', ID]);
    expect(decodeLoanCursor(null)).toBeNull();
  });

  it.each([['not-a-cursor'], [encodeCursor(['yesterday', ID])], [encodeCursor(['2026-01-02T03:04:05.678Z', 'loan-1'])], [encodeCursor(['2026-01-02T03:04:05.678Z'])]])(
    'rejects %s, naming after',
    (after) => {
      expect(errorOf(() => decodeLoanCursor(after))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    },
  );
});
