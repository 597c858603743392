import { MAX_ORDER_CENTS, MAX_PRICE_CENTS } from '@bookstore/events';
import { describe, expect, it } from 'vitest';
import { priceOrder, type ReservedLine } from './pricing.js';

const A = '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d';
const B = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const lines = [
  { bookId: A, quantity: 3 },
  { bookId: B, quantity: 1 },
];
const reserved: ReservedLine[] = [
  { bookId: B, quantity: 1, unitPriceCents: 1999, currency: 'USD' },
  { bookId: A, quantity: 3, unitPriceCents: 333, currency: 'USD' },
];

describe('priceOrder', () => {
  it('totals quantity times unit price in integer cents, in the order of the lines', () => {
    expect(priceOrder(lines, reserved)).toEqual({
      ok: true,
      pricing: {
        unitPrices: [
          { bookId: A, unitPriceCents: 333 },
          { bookId: B, unitPriceCents: 1999 },
        ],
        totalCents: 2998,
        currency: 'USD',
      },
    });
  });

  it('prices free books at zero', () => {
    expect(priceOrder([{ bookId: A, quantity: 2 }], [{ bookId: A, quantity: 2, unitPriceCents: 0, currency: 'EUR' }])).toMatchObject({ ok: true, pricing: { totalCents: 0, currency: 'EUR' } });
  });

  it('stays exact where floats would not, up to the most one order may total', () => {
    const many = [{ bookId: A, quantity: 100 }];
    expect(priceOrder(many, [{ bookId: A, quantity: 100, unitPriceCents: MAX_PRICE_CENTS, currency: 'USD' }])).toMatchObject({ ok: true, pricing: { totalCents: MAX_ORDER_CENTS } });
  });

  it.each<[string, ReservedLine[], RegExp]>([
    ['a missing line', [reserved[1]!], /1 lines reserved for an order of 2/],
    ['a line of another book', [reserved[0]!, { ...reserved[1]!, bookId: '00000000-0000-4000-8000-000000000000' }], /was not reserved/],
    ['a different quantity', [reserved[0]!, { ...reserved[1]!, quantity: 2 }], /reserved 2 times, not 3/],
    ['a book twice', [reserved[0]!, reserved[0]!], /reserved twice/],
    ['two currencies', [reserved[0]!, { ...reserved[1]!, currency: 'EUR' }], /mixes currencies/],
  ])('refuses a reservation with %s', (_case, reservation, problem) => {
    const result = priceOrder(lines, reservation);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(problem);
  });

  it('refuses a price or a total above the money bounds, which no retry could price', () => {
    expect(priceOrder([{ bookId: A, quantity: 100 }], [{ bookId: A, quantity: 100, unitPriceCents: Number.MAX_SAFE_INTEGER, currency: 'USD' }])).toMatchObject({ ok: false });
    const atBound = { bookId: A, quantity: 100, unitPriceCents: MAX_PRICE_CENTS, currency: 'USD' };
    const aCent = { bookId: B, quantity: 1, unitPriceCents: 1, currency: 'USD' };
    expect(priceOrder(lines.map((line, i) => ({ ...line, quantity: i === 0 ? 100 : 1 })), [atBound, aCent])).toEqual({
      ok: false,
      problem: 'the order would total 100000000.01, above the most one order may total (100000000.00)',
    });
  });
});
