import { describe, expect, it } from 'vitest';
import { formatCents, MAX_LINE_CENTS, MAX_LINE_QUANTITY, MAX_ORDER_CENTS, MAX_ORDER_LINES, MAX_PRICE_CENTS, money, parseAmountToCents, priceLines } from './money.js';

describe('money', () => {
  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.01', 1],
    ['999999999.99', 99999999999],
  ])('parses %s as %i cents', (input, cents) => {
    expect(parseAmountToCents(input, 'price')).toBe(cents);
  });

  it.each(['-1', '1.234', '1e3', 'abc', '', '01.00', '.5', '1,00', '1000000000'])('rejects %j naming the field', (input) => {
    expect(() => parseAmountToCents(input, 'input.price')).toThrow(/input\.price/);
  });

  it('refuses an amount above the given bound, naming the field and the bound', () => {
    expect(parseAmountToCents('1000000.00', 'input.price', MAX_PRICE_CENTS)).toBe(MAX_PRICE_CENTS);
    expect(() => parseAmountToCents('1000000.01', 'input.price', MAX_PRICE_CENTS)).toThrow('input.price must be at most 1000000.00.');
    expect(() => parseAmountToCents('21474836.48', 'input.price', MAX_PRICE_CENTS)).toThrow(/input\.price/);
  });

  it('formats cents with two places and never through floats', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(2999)).toBe('29.99');
    expect(formatCents(-150)).toBe('-1.50');
    expect(formatCents(MAX_ORDER_CENTS)).toBe('100000000.00');
    expect(money(1010, 'USD')).toEqual({ amount: '10.10', currency: 'USD' });
    expect(() => formatCents(1.5)).toThrow();
  });
});

describe('money bounds', () => {
  it('are documented amounts that every sum of them keeps exact', () => {
    expect(formatCents(MAX_PRICE_CENTS)).toBe('1000000.00');
    expect(MAX_LINE_CENTS).toBe(MAX_PRICE_CENTS * MAX_LINE_QUANTITY);
    expect(formatCents(MAX_ORDER_CENTS)).toBe('100000000.00');
    // The largest sum ever computed before the order bound is checked: every line at its bound.
    expect(Number.isSafeInteger(MAX_ORDER_LINES * MAX_LINE_CENTS)).toBe(true);
  });

  it('price an order of lines, up to the order bound exactly', () => {
    expect(priceLines([{ unitPriceCents: 1299, quantity: 2 }, { unitPriceCents: 500, quantity: 1 }])).toEqual({ ok: true, totalCents: 3098 });
    expect(priceLines([{ unitPriceCents: MAX_PRICE_CENTS, quantity: MAX_LINE_QUANTITY }])).toEqual({ ok: true, totalCents: MAX_ORDER_CENTS });
  });

  it('name what is over: a price, a line, or the total', () => {
    expect(priceLines([{ unitPriceCents: MAX_PRICE_CENTS + 1, quantity: 1 }])).toEqual({ ok: false, line: 0, problem: 'its price, 1000000.01, is above the most a book may cost (1000000.00)' });
    expect(priceLines([{ unitPriceCents: 1, quantity: 1 }, { unitPriceCents: 1, quantity: MAX_LINE_QUANTITY + 1 }])).toMatchObject({ ok: false, line: 1, problem: 'its quantity, 101, is above 100' });
    expect(priceLines([{ unitPriceCents: MAX_PRICE_CENTS, quantity: MAX_LINE_QUANTITY }, { unitPriceCents: 1, quantity: 1 }])).toEqual({
      ok: false,
      line: null,
      problem: 'the order would total 100000000.01, above the most one order may total (100000000.00)',
    });
  });
});
