import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { assertReviewable } from './book-view.js';
import { assertMayDelete, assertMayUpdate, authorIdOf } from './review-access.js';

const AUTHOR = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const OTHER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('review access', () => {
  it('reviews are written under the lowercase user id; only users (UUIDs) write them', () => {
    expect(authorIdOf({ id: AUTHOR.toUpperCase(), role: 'CUSTOMER' })).toBe(AUTHOR);
    expect(errorOf(() => authorIdOf({ id: 'service-account', role: 'ADMIN' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('only the author changes a review, not even an ADMIN', () => {
    expect(() => assertMayUpdate({ id: AUTHOR, role: 'CUSTOMER' }, AUTHOR)).not.toThrow();
    expect(errorOf(() => assertMayUpdate({ id: OTHER, role: 'CUSTOMER' }, AUTHOR))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(() => assertMayUpdate({ id: OTHER, role: 'ADMIN' }, AUTHOR))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the author, a LIBRARIAN or an ADMIN deletes a review; another customer may not', () => {
    expect(() => assertMayDelete({ id: AUTHOR, role: 'CUSTOMER' }, AUTHOR)).not.toThrow();
    expect(() => assertMayDelete({ id: AUTHOR.toUpperCase(), role: 'CUSTOMER' }, AUTHOR)).not.toThrow();
    expect(() => assertMayDelete({ id: OTHER, role: 'ADMIN' }, AUTHOR)).not.toThrow();
    expect(() => assertMayDelete({ id: OTHER, role: 'LIBRARIAN' }, AUTHOR)).not.toThrow();
    expect(errorOf(() => assertMayDelete({ id: OTHER, role: 'CUSTOMER' }, AUTHOR))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('assertReviewable', () => {
  it('takes reviews for a book the catalog announced and has not deleted', () => {
    expect(() => assertReviewable({ deleted: false }, AUTHOR)).not.toThrow();
  });

  it.each([['unknown', undefined], ['deleted', { deleted: true }]])('an %s book is NOT_FOUND, by id', (_case, book) => {
    expect(errorOf(() => assertReviewable(book, OTHER))).toEqual({ code: 'NOT_FOUND', message: `Book ${OTHER} was not found.` });
  });
});
