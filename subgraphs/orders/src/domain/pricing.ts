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
 * order's lines, in one currency: anything else is a bug on one side that no retry can fix.
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

  let totalCents = 0;
  const unitPrices: OrderPricing['unitPrices'] = [];
  for (const line of lines) {
    const match = byBook.get(line.bookId);
    if (!match) return { ok: false, problem: `book ${line.bookId} was not reserved` };
    if (match.quantity !== line.quantity) return { ok: false, problem: `book ${line.bookId} was reserved ${match.quantity} times, not ${line.quantity}` };
    totalCents += line.quantity * match.unitPriceCents;
    unitPrices.push({ bookId: line.bookId, unitPriceCents: match.unitPriceCents });
  }
  if (!Number.isSafeInteger(totalCents)) return { ok: false, problem: 'the total is too large to represent exactly' };
  return { ok: true, pricing: { unitPrices, totalCents, currency: [...currencies][0]! } };
}
