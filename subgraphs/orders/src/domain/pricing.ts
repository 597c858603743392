import { priceLines } from '@bookstore/events';
import type { OrderLine } from './order-input.js';

/** A line of `stock.reserved`: what the catalog set aside, at its price when it did. */
export interface ReservedLine {
  bookId: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
}

export interface OrderPricing {
  unitPrices: { bookId: string; unitPriceCents: number }[];
  /** Sum of quantity x unit price, in integer cents (never floats). */
  totalCents: number;
  currency: string;
}

export type PricingResult = { ok: true; pricing: OrderPricing } | { ok: false; problem: string };

/**
 * Prices an order from the catalog's reservation. The reservation must cover exactly the
 * order's lines, in one currency, within the kit's money bounds (the catalog rejects orders over
 * them before it reserves): anything else is a bug on one side that no retry can fix.
 */
export function priceOrder(lines: readonly OrderLine[], reserved: readonly ReservedLine[]): PricingResult {
  const byBook = new Map<string, ReservedLine>();
  for (const line of reserved) {
    if (byBook.has(line.bookId)) return { ok: false, problem: `book ${line.bookId} is reserved twice` };
    byBook.set(line.bookId, line);
  }
  if (byBook.size !== lines.length) return { ok: false, problem: `${byBook.size} lines reserved for an order of ${lines.length}` };
  const currencies = new Set(reserved.map((line) => line.currency));
  if (currencies.size !== 1) return { ok: false, problem: `the reservation mixes currencies (${[...currencies].join(', ')})` };

  const unitPrices: OrderPricing['unitPrices'] = [];
  for (const line of lines) {
    const match = byBook.get(line.bookId);
    if (!match) return { ok: false, problem: `book ${line.bookId} was not reserved` };
    if (match.quantity !== line.quantity) return { ok: false, problem: `book ${line.bookId} was reserved ${match.quantity} times, not ${line.quantity}` };
    unitPrices.push({ bookId: line.bookId, unitPriceCents: match.unitPriceCents });
  }
  const total = priceLines(lines.map((line, i) => ({ quantity: line.quantity, unitPriceCents: unitPrices[i]!.unitPriceCents })));
  if (!total.ok) return { ok: false, problem: total.problem };
  return { ok: true, pricing: { unitPrices, totalCents: total.totalCents, currency: [...currencies][0]! } };
}
