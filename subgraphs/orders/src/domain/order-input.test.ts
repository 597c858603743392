import { ErrorCode } from '@bookstore/server-core';
import { describe, expect, it } from 'vitest';
import { assertBooksOrderable, requestFingerprint, validateCancelReason, validateIdempotencyKey, validatePlaceOrder, validateShippingAddress, type PlaceOrderInput } from './order-input.js';

const BOOK_A = '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d';
const BOOK_B = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const address = { line1: '1 High Street', city: 'Bath', postalCode: 'BA1 1AA', country: 'GB' };
const valid: PlaceOrderInput = { items: [{ bookId: BOOK_A, quantity: 1 }], shippingAddress: address };

/** Runs `fn` and returns the field its BAD_USER_INPUT error names, checking the message names it too. */
function badField(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    const { extensions, message } = error as { extensions?: Record<string, unknown>; message: string };
    expect(extensions?.['code']).toBe(ErrorCode.BAD_USER_INPUT);
    expect(message).toContain(String(extensions?.['field']));
    return extensions?.['field'];
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

function withAddress(change: Record<string, unknown>): PlaceOrderInput {
  return { ...valid, shippingAddress: { ...address, ...change } };
}

describe('validatePlaceOrder', () => {
  it('normalises ids, text and the country code', () => {
    expect(
      validatePlaceOrder({
        items: [
          { bookId: BOOK_A.toUpperCase(), quantity: 2 },
          { bookId: BOOK_B, quantity: 100 },
        ],
        shippingAddress: { line1: '  1 High Street ', line2: '   ', city: ' Bath', postalCode: ' BA1 1AA ', country: ' gb ' },
      }),
    ).toEqual({
      items: [
        { bookId: BOOK_A, quantity: 2 },
        { bookId: BOOK_B, quantity: 100 },
      ],
      shippingAddress: { line1: '1 High Street', line2: null, city: 'Bath', postalCode: 'BA1 1AA', country: 'GB' },
    });
  });

  it('accepts the limits themselves', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ bookId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, quantity: 100 }));
    const order = validatePlaceOrder({
      items,
      shippingAddress: { line1: 'a'.repeat(200), line2: 'b'.repeat(200), city: 'c'.repeat(100), postalCode: '1'.repeat(20), country: 'us' },
    });
    expect(order.items).toHaveLength(50);
    expect(order.shippingAddress.line2).toHaveLength(200);
  });

  it.each<[string, PlaceOrderInput, string]>([
    ['no lines', { ...valid, items: [] }, 'input.items'],
    ['51 lines', { ...valid, items: Array.from({ length: 51 }, () => ({ bookId: BOOK_A, quantity: 1 })) }, 'input.items'],
    ['a book id that is no UUID', { ...valid, items: [{ bookId: BOOK_A, quantity: 1 }, { bookId: BOOK_B, quantity: 1 }, { bookId: BOOK_A.slice(1), quantity: 1 }] }, 'input.items[2].bookId'],
    ['the same book twice, however written', { ...valid, items: [{ bookId: BOOK_A, quantity: 1 }, { bookId: BOOK_A.toUpperCase(), quantity: 2 }] }, 'input.items[1].bookId'],
    ['a quantity of 0', { ...valid, items: [{ bookId: BOOK_A, quantity: 0 }] }, 'input.items[0].quantity'],
    ['a quantity of 101', { ...valid, items: [{ bookId: BOOK_A, quantity: 101 }] }, 'input.items[0].quantity'],
    ['a negative quantity', { ...valid, items: [{ bookId: BOOK_A, quantity: -1 }] }, 'input.items[0].quantity'],
    ['a blank line1', withAddress({ line1: '  ' }), 'input.shippingAddress.line1'],
    ['a 201-character line1', withAddress({ line1: 'a'.repeat(201) }), 'input.shippingAddress.line1'],
    ['a 201-character line2', withAddress({ line2: 'b'.repeat(201) }), 'input.shippingAddress.line2'],
    ['a blank city', withAddress({ city: '' }), 'input.shippingAddress.city'],
    ['a 101-character city', withAddress({ city: 'c'.repeat(101) }), 'input.shippingAddress.city'],
    ['a blank postal code', withAddress({ postalCode: ' ' }), 'input.shippingAddress.postalCode'],
    ['a 21-character postal code', withAddress({ postalCode: '1'.repeat(21) }), 'input.shippingAddress.postalCode'],
    ['a postal code with punctuation', withAddress({ postalCode: 'BA1/1AA' }), 'input.shippingAddress.postalCode'],
    ['a postal code with accents', withAddress({ postalCode: '\u00c91234' }), 'input.shippingAddress.postalCode'],
    ['a three-letter country', withAddress({ country: 'GBR' }), 'input.shippingAddress.country'],
    ['a one-letter country', withAddress({ country: 'G' }), 'input.shippingAddress.country'],
    ['a country with digits', withAddress({ country: 'G1' }), 'input.shippingAddress.country'],
  ])('rejects %s', (_case, input, field) => {
    expect(badField(() => validatePlaceOrder(input))).toBe(field);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validatePlaceOrder(withAddress({ line1: '\u{1F3E0}'.repeat(200) })).shippingAddress.line1).toHaveLength(400);
  });
});

describe('validateShippingAddress', () => {
  it("normalises like placeOrder's address", () => {
    expect(validateShippingAddress({ line1: ' 2 Low Road ', line2: '  ', city: ' York', postalCode: 'YO1 7HH ', country: ' gb' })).toEqual({
      line1: '2 Low Road',
      line2: null,
      city: 'York',
      postalCode: 'YO1 7HH',
      country: 'GB',
    });
  });

  it.each([
    [{ line1: ' ' }, 'address.line1'],
    [{ line2: 'b'.repeat(201) }, 'address.line2'],
    [{ city: 'c'.repeat(101) }, 'address.city'],
    [{ postalCode: 'BA1/1AA' }, 'address.postalCode'],
    [{ country: 'GBR' }, 'address.country'],
  ])('names the argument as sent: %j is bad at %s', (change, field) => {
    expect(badField(() => validateShippingAddress({ ...address, ...change }))).toBe(field);
  });
});

describe('validateIdempotencyKey', () => {
  it('keeps a key exactly as sent, and no key as null', () => {
    expect(validateIdempotencyKey(' key 1 ')).toBe(' key 1 ');
    expect(validateIdempotencyKey('k'.repeat(255))).toHaveLength(255);
    expect(validateIdempotencyKey(null)).toBeNull();
    expect(validateIdempotencyKey(undefined)).toBeNull();
  });

  it.each(['', 'k'.repeat(256)])('rejects a key of %# length', (key) => {
    expect(badField(() => validateIdempotencyKey(key))).toBe('idempotencyKey');
  });
});

describe('validateCancelReason', () => {
  it('trims, treats blank as none, and allows 500 characters', () => {
    expect(validateCancelReason('  changed my mind ')).toBe('changed my mind');
    expect(validateCancelReason('  ')).toBeNull();
    expect(validateCancelReason(undefined)).toBeNull();
    expect(validateCancelReason('r'.repeat(500))).toHaveLength(500);
    expect(badField(() => validateCancelReason('r'.repeat(501)))).toBe('reason');
  });
});

describe('requestFingerprint', () => {
  const order = validatePlaceOrder({ ...valid, items: [{ bookId: BOOK_A, quantity: 1 }, { bookId: BOOK_B, quantity: 2 }] });

  it('is the same for the same request, whatever the line order or letter case', () => {
    const reordered = validatePlaceOrder({
      items: [{ bookId: BOOK_B.toUpperCase(), quantity: 2 }, { bookId: BOOK_A, quantity: 1 }],
      shippingAddress: { ...address, line1: ' 1 High Street', country: 'gb' },
    });
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(order));
  });

  it('differs when anything asked for differs', () => {
    const base = requestFingerprint(order);
    const variants = [
      { ...order, items: [order.items[0]!, { ...order.items[1]!, quantity: 3 }] },
      { ...order, items: [order.items[0]!] },
      { ...order, shippingAddress: { ...order.shippingAddress, line2: 'Flat 2' } },
      { ...order, shippingAddress: { ...order.shippingAddress, country: 'IE' } },
    ];
    for (const variant of variants) expect(requestFingerprint(variant)).not.toBe(base);
  });
});

describe('assertBooksOrderable', () => {
  const [a, b] = [BOOK_A, '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a'];
  const lines = [
    { bookId: a, quantity: 1 },
    { bookId: b, quantity: 2 },
  ];

  it('takes books the catalog announced and has not deleted', () => {
    expect(() => assertBooksOrderable(lines, new Map([[a, { deleted: false }], [b, { deleted: false }]]))).not.toThrow();
  });

  it('names the first line whose book is unknown or deleted', () => {
    expect(() => assertBooksOrderable(lines, new Map([[a, { deleted: false }]]))).toThrow(`input.items[1].bookId names no book in the catalogue: ${b}.`);
    try {
      assertBooksOrderable(lines, new Map([[a, { deleted: true }]]));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ message: `input.items[0].bookId names a book that is no longer sold: ${a}.`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'input.items[0].bookId' } });
    }
  });
});
