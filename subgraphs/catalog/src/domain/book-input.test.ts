import { ErrorCode } from '@bookstore/server-core';
import { describe, expect, it } from 'vitest';
import { validateBookChanges, validateNewBook, validateRestockQuantity, type CreateBookInput } from './book-input.js';
import { validateNewCategory } from './category-input.js';

const YEAR = 2026;
const CATEGORY_ID = '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d';
const valid: CreateBookInput = { title: 'Emma', authorNames: ['Jane Austen'], price: '9.49' };

/** Runs `fn` and returns the field its BAD_USER_INPUT error names. */
function badField(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    expect(extensions?.['code']).toBe(ErrorCode.BAD_USER_INPUT);
    return extensions?.['field'];
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('validateNewBook', () => {
  it('normalises a full input', () => {
    expect(
      validateNewBook(
        {
          title: '  Emma ',
          authorNames: [' Jane Austen', 'jane austen', 'Fanny Burney'],
          categoryIds: [CATEGORY_ID.toUpperCase(), CATEGORY_ID],
          price: '12.5',
          stock: 3,
          isbn: '978-0-14-143951-8',
          description: '  ',
          publishedYear: 1815,
          pageCount: 474,
          coverUrl: 'https://covers.example/emma.jpg',
        },
        YEAR,
      ),
    ).toEqual({
      title: 'Emma',
      authorNames: ['Jane Austen', 'Fanny Burney'],
      categoryIds: [CATEGORY_ID],
      priceCents: 1250,
      stock: 3,
      isbn: '9780141439518',
      description: null,
      publishedYear: 1815,
      pageCount: 474,
      coverUrl: 'https://covers.example/emma.jpg',
    });
  });

  it('defaults stock to 0 and optional fields to null', () => {
    expect(validateNewBook(valid, YEAR)).toMatchObject({ stock: 0, categoryIds: [], isbn: null, publishedYear: null, pageCount: null, coverUrl: null });
  });

  it.each<[string, Partial<CreateBookInput>, string]>([
    ['an empty title', { title: '   ' }, 'input.title'],
    ['a 301-character title', { title: 'x'.repeat(301) }, 'input.title'],
    ['no authors', { authorNames: [] }, 'input.authorNames'],
    ['eleven authors', { authorNames: Array.from({ length: 11 }, (_, i) => `Author ${i}`) }, 'input.authorNames'],
    ['a blank author name', { authorNames: ['Jane Austen', ' '] }, 'input.authorNames[1]'],
    ['a 201-character author name', { authorNames: ['a'.repeat(201)] }, 'input.authorNames[0]'],
    ['a malformed category id', { categoryIds: ['fiction'] }, 'input.categoryIds[0]'],
    ['a zero price', { price: '0.00' }, 'input.price'],
    ['a negative price', { price: '-1.00' }, 'input.price'],
    ['three decimals', { price: '1.999' }, 'input.price'],
    ['a negative stock', { stock: -1 }, 'input.stock'],
    ['too much stock', { stock: 1_000_001 }, 'input.stock'],
    ['an ISBN with a bad checksum', { isbn: '978-0-14-143951-9' }, 'input.isbn'],
    ['a year after this one', { publishedYear: YEAR + 1 }, 'input.publishedYear'],
    ['a year before -3000', { publishedYear: -3001 }, 'input.publishedYear'],
    ['zero pages', { pageCount: 0 }, 'input.pageCount'],
    ['100001 pages', { pageCount: 100_001 }, 'input.pageCount'],
    ['a non-http cover URL', { coverUrl: 'ftp://covers.example/a.jpg' }, 'input.coverUrl'],
    ['a cover that is not a URL', { coverUrl: 'cover.jpg' }, 'input.coverUrl'],
    ['a 2049-character cover URL', { coverUrl: `https://e.example/${'a'.repeat(2049 - 'https://e.example/'.length)}` }, 'input.coverUrl'],
    ['a 5001-character description', { description: 'd'.repeat(5001) }, 'input.description'],
  ])('rejects %s', (_case, change, field) => {
    expect(badField(() => validateNewBook({ ...valid, ...change }, YEAR))).toBe(field);
  });

  it('accepts the limits themselves', () => {
    const book = validateNewBook(
      {
        ...valid,
        title: 't'.repeat(300),
        authorNames: Array.from({ length: 10 }, (_, i) => `${'a'.repeat(198)}${i}`),
        price: '0.01',
        stock: 1_000_000,
        publishedYear: -3000,
        pageCount: 100_000,
        description: 'd'.repeat(5000),
        coverUrl: `http://e.example/${'a'.repeat(2048 - 'http://e.example/'.length)}`,
      },
      YEAR,
    );
    expect(book.authorNames).toHaveLength(10);
    expect(book.priceCents).toBe(1);
    expect(validateNewBook({ ...valid, publishedYear: YEAR }, YEAR).publishedYear).toBe(YEAR);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateNewBook({ ...valid, title: '\u{1F4DA}'.repeat(300) }, YEAR).title).toHaveLength(600);
  });
});

describe('validateBookChanges', () => {
  it('returns only the fields given', () => {
    expect(validateBookChanges({ price: '5', isbn: null, description: null }, YEAR)).toEqual({ priceCents: 500, isbn: null, description: null });
    expect(validateBookChanges({}, YEAR)).toEqual({});
  });

  it.each(['title', 'authorNames', 'categoryIds', 'price', 'stock'] as const)('rejects null for the required field %s', (key) => {
    expect(badField(() => validateBookChanges({ [key]: null }, YEAR))).toBe(`input.${key}`);
  });

  it('applies the create rules to what is given', () => {
    expect(badField(() => validateBookChanges({ pageCount: 0 }, YEAR))).toBe('input.pageCount');
  });
});

describe('validateRestockQuantity', () => {
  it('accepts 1 to 1,000,000', () => {
    expect(validateRestockQuantity(1)).toBe(1);
    expect(validateRestockQuantity(1_000_000)).toBe(1_000_000);
  });

  it.each([0, -5, 1_000_001])('rejects %i', (quantity) => {
    expect(badField(() => validateRestockQuantity(quantity))).toBe('quantity');
  });
});

describe('validateNewCategory', () => {
  it('trims the name and derives the slug', () => {
    expect(validateNewCategory({ name: '  Science Fiction ' })).toEqual({ name: 'Science Fiction', slug: 'science-fiction' });
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(101), 'too long'],
    ['\u65e5\u672c\u6587\u5b66', 'without a Latin letter or digit for the slug'],
  ])('rejects a name %#: %s', (name) => {
    expect(badField(() => validateNewCategory({ name }))).toBe('input.name');
  });
});
