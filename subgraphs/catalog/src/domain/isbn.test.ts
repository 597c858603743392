import { describe, expect, it } from 'vitest';
import { normalizeIsbn } from './isbn.js';

describe('normalizeIsbn', () => {
  it.each([
    ['978-0-14-143951-8', '9780141439518'],
    ['978 0 14 143951 8', '9780141439518'],
    ['9780306406157', '9780306406157'],
    ['0-306-40615-2', '0306406152'],
    ['0-8044-2957-x', '080442957X'],
    ['  0306406152 ', '0306406152'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });

  it.each([
    ['9780306406158', 'ISBN-13 with a wrong check digit'],
    ['0306406153', 'ISBN-10 with a wrong check digit'],
    ['X306406152', 'X anywhere but last'],
    ['978030640615X', 'X in an ISBN-13'],
    ['030640615', 'nine digits'],
    ['97803064061570', 'fourteen digits'],
    ['978-0306406157a', 'a letter'],
    ['', 'nothing'],
  ])('rejects %s (%s)', (input) => {
    expect(normalizeIsbn(input)).toBeNull();
  });
});
