/** A requested line of an order, as order.placed carries it. */
export interface RequestedLine {
  bookId: string;
  quantity: number;
}

/**
 * Lines merged per book and sorted by book id: every reservation locks book rows in the same
 * order, so two orders reserving the same books never deadlock.
 */
export function normaliseLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.bookId, (merged.get(line.bookId) ?? 0) + line.quantity);
  return [...merged].map(([bookId, quantity]) => ({ bookId, quantity })).sort((a, b) => a.bookId.localeCompare(b.bookId));
}

/** What the book looked like when a line could not be reserved; null when it does not exist. */
export type UnavailableBook = { title: string; stock: number } | null;

/** The customer-facing reason of a rejected order (Order.rejectionReason), naming the book. */
export function rejectionReason(line: RequestedLine, book: UnavailableBook): string {
  if (!book) return `OUT_OF_STOCK: book ${line.bookId} does not exist.`;
  return `OUT_OF_STOCK: "${book.title}" has ${book.stock} in stock; ${line.quantity} requested.`;
}

/**
 * The reason of an order rejected for the money bounds (kit money.ts): a line over its bound,
 * naming the book, or a total over the order's. No retry could reserve it, so it is final.
 */
export function limitReason(problem: string, title: string | null): string {
  return `ORDER_LIMIT: ${title === null ? '' : `"${title}": `}${problem}.`;
}
