import { BadUserInputError } from '@bookstore/server-core';

/** GraphQL `Money`: amounts travel as decimal strings with two places, arithmetic stays in integer cents. */
export interface Money {
  amount: string;
  currency: string;
}

/*
 * The bounds of money, in integer cents, the same in every subgraph and every currency (README,
 * "Money bounds"). Each is refused with BAD_USER_INPUT where it enters (a price, a quantity, a
 * refund) and checked again where prices meet quantities (the catalog's reservation), so no amount
 * that reaches a database or an event is out of range. Every column holding cents is a bigint,
 * read as a JS number: exact up to Number.MAX_SAFE_INTEGER, far above any sum of these bounds.
 */

/** The most a book may cost: 1,000,000.00. */
export const MAX_PRICE_CENTS = 100_000_000;
/** Copies of one book on one order line. */
export const MAX_LINE_QUANTITY = 100;
/** Lines of one order (each book on one line). */
export const MAX_ORDER_LINES = 50;
/** One order line, price x quantity: 100,000,000.00, which the two bounds above already imply. */
export const MAX_LINE_CENTS = MAX_PRICE_CENTS * MAX_LINE_QUANTITY;
/** One order's total, and so any payment or refund of it: 100,000,000.00. */
export const MAX_ORDER_CENTS = 10_000_000_000;

/** What a decimal amount may spell at all: up to 999,999,999.99, before any bound of its own. */
const decimal = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/;

/**
 * "12.5" -> 1250. Rejects negatives, more than two decimals, exponents, anything over
 * 999,999,999.99, and anything over `maxCents` (the bound of what the amount is: a price, a refund).
 */
export function parseAmountToCents(value: string, field: string, maxCents?: number): number {
  const trimmed = value.trim();
  if (!decimal.test(trimmed)) {
    throw new BadUserInputError(`${field} must be a non-negative decimal amount with at most two decimal places, like "12.50".`, field);
  }
  const [whole, fraction = ''] = trimmed.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (maxCents !== undefined && cents > maxCents) throw new BadUserInputError(`${field} must be at most ${formatCents(maxCents)}.`, field);
  return cents;
}

/** A line of an order once the catalog has priced it. */
export interface PricedLine {
  unitPriceCents: number;
  quantity: number;
}

/** An order's total, or what puts it over a bound: `line` is the index of the line at fault, null for the total. */
export type LinesTotal = { ok: true; totalCents: number } | { ok: false; line: number | null; problem: string };

/**
 * Sums price x quantity over an order's lines, in integer cents, checking each price, quantity
 * and the total against the bounds above. Every line within its bounds keeps the sum exact, so
 * the total is compared only once it is known.
 */
export function priceLines(lines: readonly PricedLine[]): LinesTotal {
  let totalCents = 0;
  for (const [line, { unitPriceCents, quantity }] of lines.entries()) {
    if (unitPriceCents > MAX_PRICE_CENTS) {
      return { ok: false, line, problem: `its price, ${formatCents(unitPriceCents)}, is above the most a book may cost (${formatCents(MAX_PRICE_CENTS)})` };
    }
    if (quantity > MAX_LINE_QUANTITY) return { ok: false, line, problem: `its quantity, ${quantity}, is above ${MAX_LINE_QUANTITY}` };
    totalCents += unitPriceCents * quantity;
  }
  if (totalCents > MAX_ORDER_CENTS) {
    return { ok: false, line: null, problem: `the order would total ${formatCents(totalCents)}, above the most one order may total (${formatCents(MAX_ORDER_CENTS)})` };
  }
  return { ok: true, totalCents };
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
