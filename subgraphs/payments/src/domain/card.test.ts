import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { normaliseCardNumber, passesLuhn, validateCard, type CardInput } from './card.js';

const NOW = new Date('2026-05-15T12:00:00Z');
const card: CardInput = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' };

describe('passesLuhn', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995', '79927398713', '5555555555554444', '378282246310005', '000000000000'])('accepts %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each(['4242424242424241', '79927398710', '1234567812345678'])('rejects %s', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});

describe('normaliseCardNumber', () => {
  it('strips spaces and hyphens only', () => {
    expect(normaliseCardNumber(' 4242-4242 4242\t4242 ')).toBe('4242424242424242');
    expect(normaliseCardNumber('4242.4242')).toBe('4242.4242');
  });
});

describe('validateCard', () => {
  it('normalises the number and keeps its last four digits', () => {
    expect(validateCard(card, NOW)).toEqual({ number: '4242424242424242', last4: '4242', expMonth: 12, expYear: 2030, cvc: '123' });
  });

  it('accepts 12 and 19 digits, a 4-digit cvc and the current month', () => {
    expect(validateCard({ ...card, number: '000000000000', cvc: '1234', expMonth: 5, expYear: 2026 }, NOW).last4).toBe('0000');
    expect(validateCard({ ...card, number: '4000000000000000006' }, NOW).number).toHaveLength(19);
  });

  it.each<[string, Partial<CardInput>, string, RegExp]>([
    ['11 digits', { number: '42424242424' }, 'input.card.number', /12 to 19 digits/],
    ['20 digits', { number: '42424242424242424242' }, 'input.card.number', /12 to 19 digits/],
    ['a letter', { number: '4242 4242 4242 424x' }, 'input.card.number', /12 to 19 digits/],
    ['an empty number', { number: '' }, 'input.card.number', /12 to 19 digits/],
    ['a wrong check digit', { number: '4242424242424241' }, 'input.card.number', /check digit/],
    ['month 0', { expMonth: 0 }, 'input.card.expMonth', /1 to 12/],
    ['month 13', { expMonth: 13 }, 'input.card.expMonth', /1 to 12/],
    ['last year', { expYear: 2025 }, 'input.card.expYear', /expired/],
    ['a two-digit year', { expYear: 30 }, 'input.card.expYear', /four-digit year from 2026 to 2076/],
    ['a year too far ahead', { expYear: 2077 }, 'input.card.expYear', /2026 to 2076/],
    ['last month', { expMonth: 4, expYear: 2026 }, 'input.card.expMonth', /expired/],
    ['a 2-digit cvc', { cvc: '12' }, 'input.card.cvc', /3 or 4 digits/],
    ['a 5-digit cvc', { cvc: '12345' }, 'input.card.cvc', /3 or 4 digits/],
    ['a cvc with a letter', { cvc: '12a' }, 'input.card.cvc', /3 or 4 digits/],
  ])('rejects %s', (_case, change, field, message) => {
    const error = errorOf(() => validateCard({ ...card, ...change }, NOW));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error['message']).toMatch(message);
    expect(error['message']).toContain(field);
  });

  it('keeps a card valid through the last moment of its expiry month (UTC)', () => {
    const expiring = { ...card, expMonth: 5, expYear: 2026 };
    expect(() => validateCard(expiring, new Date('2026-05-31T23:59:59.999Z'))).not.toThrow();
    expect(errorOf(() => validateCard(expiring, new Date('2026-06-01T00:00:00Z')))).toMatchObject({ field: 'input.card.expMonth' });
  });

  it('never repeats the card number in an error', () => {
    expect(errorOf(() => validateCard({ ...card, number: '4242424242424241' }, NOW))['message']).not.toContain('4242424242424241');
  });
});
