import { BadUserInputError } from './errors.js';

/** GraphQL `Money`: amounts travel as decimal strings with two places, arithmetic stays in integer cents. */
export interface Money {
  amount: string;
  currency: string;
}

const decimal = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/;

/** "12.5" -> 1250. Rejects negatives, more than two decimals, exponents and anything over 999,999,999.99. */
export function parseAmountToCents(value: string, field: string): number {
  const trimmed = value.trim();
  if (!decimal.test(trimmed)) {
    throw new BadUserInputError(`${field} must be a non-negative decimal amount with at most two decimal places, like "12.50".`, field);
  }
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Not an integer amount of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function money(cents: number, currency: string): Money {
  return { amount: formatCents(cents), currency };
}
