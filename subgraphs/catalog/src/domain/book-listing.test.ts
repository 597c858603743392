import { ErrorCode } from '@bookstore/server-core';
import { encodeCursor } from '@bookstore/subgraph-runtime';
import { describe, expect, it } from 'vitest';
import { bookCursorOf, bookSearchOf, decodeAuthorCursor, decodeBookCursor, escapeLike, parseBookFilter, resolveBookSort, type BookSort } from './book-listing.js';

const ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const book = { id: ID, title: 'Emma', priceCents: 949, createdAt: new Date('2026-01-02T03:04:05.678Z'), rank: 0.25 };

function errorOf(fn: () => unknown): Record<string, unknown> | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

describe('parseBookFilter', () => {
  it('has no conditions without a filter, or with a blank search', () => {
    const none = { search: null, categoryId: null, authorId: null, authorPattern: null, minPriceCents: null, maxPriceCents: null, inStock: null };
    expect(parseBookFilter(undefined)).toEqual(none);
    expect(parseBookFilter({ search: '   ', author: ' ' })).toEqual(none);
  });

  it('normalises every field', () => {
    expect(parseBookFilter({ search: ' pride ', categoryId: ID.toUpperCase(), authorId: ID, author: '50%_off\\', minPrice: '5', maxPrice: '5.00', inStock: false })).toEqual({
      search: { text: 'pride', prefixQuery: "'pride':*", fuzzy: true },
      categoryId: ID,
      authorId: ID,
      authorPattern: '%50\\%\\_off\\\\%',
      minPriceCents: 500,
      maxPriceCents: 500,
      inStock: false,
    });
  });

  it.each([
    [{ search: 's'.repeat(201) }, 'filter.search'],
    [{ author: 'a'.repeat(201) }, 'filter.author'],
    [{ minPrice: '10.00', maxPrice: '9.99' }, 'filter.minPrice'],
    [{ maxPrice: 'ten' }, 'filter.maxPrice'],
    [{ categoryId: 'fiction' }, 'filter.categoryId'],
    [{ authorId: '' }, 'filter.authorId'],
  ])('rejects %j', (filter, field) => {
    expect(errorOf(() => parseBookFilter(filter))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field });
  });

  it('accepts a 200-character search', () => {
    expect(parseBookFilter({ search: 's'.repeat(200) }).search?.text).toHaveLength(200);
  });
});

describe('bookSearchOf', () => {
  it('makes the last word a prefix and keeps the others whole', () => {
    expect(bookSearchOf('pride prejud')).toEqual({ text: 'pride prejud', prefixQuery: "'pride' & 'prejud':*", fuzzy: true });
    expect(bookSearchOf('prid').prefixQuery).toBe("'prid':*");
  });

  it("keeps only letters and digits in the prefix query, so the shopper's text can not be tsquery syntax", () => {
    expect(bookSearchOf("o'brien & 1984 | !:*()").prefixQuery).toBe("'o' & 'brien' & '1984':*");
    expect(bookSearchOf('Brontë Émile').prefixQuery).toBe("'Brontë' & 'Émile':*");
    expect(bookSearchOf('&&& !!!')).toEqual({ text: '&&& !!!', prefixQuery: null, fuzzy: true });
  });

  it('is full-text only with a quoted phrase or an excluded word', () => {
    expect(bookSearchOf('"pride and prejudice"')).toEqual({ text: '"pride and prejudice"', prefixQuery: null, fuzzy: false });
    expect(bookSearchOf('pride -prejudice')).toEqual({ text: 'pride -prejudice', prefixQuery: null, fuzzy: false });
    expect(bookSearchOf('-pride').fuzzy).toBe(false);
    expect(bookSearchOf('twenty-one').fuzzy).toBe(true);
  });
});

describe('escapeLike', () => {
  it('escapes the wildcards and the escape character', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});

describe('resolveBookSort', () => {
  it('defaults to RELEVANCE with a search and TITLE without', () => {
    expect(resolveBookSort(undefined, bookSearchOf('pride'))).toBe('RELEVANCE');
    expect(resolveBookSort(null, null)).toBe('TITLE');
  });

  it('treats RELEVANCE without a search as TITLE', () => {
    expect(resolveBookSort('RELEVANCE', null)).toBe('TITLE');
  });

  it('keeps an explicit sort', () => {
    expect(resolveBookSort('PRICE_DESC', bookSearchOf('pride'))).toBe('PRICE_DESC');
    expect(resolveBookSort('NEWEST', null)).toBe('NEWEST');
  });
});

describe('book cursors', () => {
  it.each<BookSort>(['RELEVANCE', 'TITLE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'])('round-trips a %s cursor', (sort) => {
    const key = bookCursorOf(sort, book);
    expect(decodeBookCursor(encodeCursor(key), sort)).toEqual(key);
  });

  it('keys each sort by its own column', () => {
    expect(bookCursorOf('NEWEST', book)).toEqual(['NEWEST', '2026-01-02T03:04:05.678Z', ID]);
    expect(bookCursorOf('PRICE_ASC', book)).toEqual(['PRICE_ASC', 949, ID]);
    expect(bookCursorOf('RELEVANCE', book)).toEqual(['RELEVANCE', 0.25, ID]);
  });

  it('rejects a cursor of another sort', () => {
    const priceCursor = encodeCursor(bookCursorOf('PRICE_ASC', book));
    expect(errorOf(() => decodeBookCursor(priceCursor, 'PRICE_DESC'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'after' });
  });

  it.each<[string, string, BookSort]>([
    ['not base64 JSON', 'garbage!', 'TITLE'],
    ['a wrong key type', encodeCursor(['PRICE_ASC', '949', ID]), 'PRICE_ASC'],
    ['a fractional price', encodeCursor(['PRICE_ASC', 9.5, ID]), 'PRICE_ASC'],
    ['a bad date', encodeCursor(['NEWEST', '2026-13-45T00:00:00.000Z', ID]), 'NEWEST'],
    ['a bad id', encodeCursor(['TITLE', 'Emma', 'not-an-id']), 'TITLE'],
    ['extra elements', encodeCursor(['TITLE', 'Emma', ID, 1]), 'TITLE'],
  ])('rejects %s', (_case, cursor, sort) => {
    expect(errorOf(() => decodeBookCursor(cursor, sort))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'after' });
  });

  it('rejects malformed author cursors', () => {
    expect(decodeAuthorCursor(encodeCursor(['Jane Austen', ID]))).toEqual(['Jane Austen', ID]);
    expect(errorOf(() => decodeAuthorCursor(encodeCursor(['TITLE', 'Emma', ID])))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});
