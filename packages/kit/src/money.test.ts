import { describe, expect, it } from 'vitest';
import { formatCents, money, parseAmountToCents } from './money.js';

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

  it('formats cents with two places and never through floats', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(2999)).toBe('29.99');
    expect(formatCents(-150)).toBe('-1.50');
    expect(money(1010, 'USD')).toEqual({ amount: '10.10', currency: 'USD' });
    expect(() => formatCents(1.5)).toThrow();
  });
});
