import { createHash } from 'node:crypto';
import { BadUserInputError } from '@bookstore/server-core';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@bookstore/events';
import { charLength, intInRange, optionalText, parseId, requiredText } from '@bookstore/subgraph-runtime';

/** GraphQL `OrderItemInput`. */
export interface OrderItemInput {
  bookId: string;
  quantity: number;
}

/** GraphQL `AddressInput`. */
export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
}

/** GraphQL `PlaceOrderInput`: no prices, ever; the catalog sets them when it reserves the stock. */
export interface PlaceOrderInput {
  items: OrderItemInput[];
  shippingAddress: AddressInput;
}

export interface OrderLine {
  /** Lower-case UUID. */
  bookId: string;
  quantity: number;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

/** A validated, normalised `PlaceOrderInput`; each book appears on one line only. */
export interface NewOrder {
  items: OrderLine[];
  shippingAddress: Address;
}

const ORDER_LIMITS = {
  // The kit's, because they bound every order total (money.ts).
  lines: MAX_ORDER_LINES,
  quantity: MAX_LINE_QUANTITY,
  line1Chars: 200,
  line2Chars: 200,
  cityChars: 100,
  postalCodeChars: 20,
  idempotencyKeyChars: 255,
  reasonChars: 500,
} as const;

// Letters, digits, spaces and hyphens cover the postal codes of every country that has them.
const POSTAL_CODE = /^[A-Za-z0-9 -]+$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

export function validatePlaceOrder(input: PlaceOrderInput): NewOrder {
  return { items: parseItems(input.items), shippingAddress: parseAddress(input.shippingAddress, 'input.shippingAddress') };
}

/** `updateShippingAddress`'s `address`, by placeOrder's rules. */
export function validateShippingAddress(address: AddressInput): Address {
  return parseAddress(address, 'address');
}

/**
 * The same book on two lines is refused rather than merged: merging would hide a client bug
 * and could push a line past the quantity limit the client never asked for.
 */
function parseItems(items: OrderItemInput[]): OrderLine[] {
  if (items.length === 0 || items.length > ORDER_LIMITS.lines) {
    throw new BadUserInputError(`input.items must list 1 to ${ORDER_LIMITS.lines} lines.`, 'input.items');
  }
  const firstLineOf = new Map<string, number>();
  return items.map((item, i) => {
    const bookId = parseId(item.bookId, `input.items[${i}].bookId`);
    const earlier = firstLineOf.get(bookId);
    if (earlier !== undefined) {
      throw new BadUserInputError(`input.items[${i}].bookId repeats the book of input.items[${earlier}]; put its whole quantity on one line.`, `input.items[${i}].bookId`);
    }
    firstLineOf.set(bookId, i);
    return { bookId, quantity: intInRange(item.quantity, `input.items[${i}].quantity`, 1, ORDER_LIMITS.quantity) };
  });
}

/** `path` is where the address is in the arguments, so errors name the field as the client sent it. */
function parseAddress(address: AddressInput, path: string): Address {
  const field = (name: keyof AddressInput) => `${path}.${name}`;
  const line1 = requiredText(address.line1, field('line1'), ORDER_LIMITS.line1Chars);
  const line2 = optionalText(address.line2, field('line2'), ORDER_LIMITS.line2Chars);
  const city = requiredText(address.city, field('city'), ORDER_LIMITS.cityChars);
  const postalCode = requiredText(address.postalCode, field('postalCode'), ORDER_LIMITS.postalCodeChars);
  if (!POSTAL_CODE.test(postalCode)) {
    throw new BadUserInputError(`${field('postalCode')} may contain only letters, digits, spaces and hyphens.`, field('postalCode'));
  }
  const country = address.country.trim().toUpperCase();
  if (!COUNTRY_CODE.test(country)) {
    throw new BadUserInputError(`${field('country')} must be an ISO 3166-1 alpha-2 country code of two letters, like "GB".`, field('country'));
  }
  return { line1, line2, city, postalCode, country };
}

/**
 * Every line's book must be one the catalog announced and has not deleted (orders' view of the
 * catalogue, `book.changed`); the first that is not is refused, naming its line. A book created a
 * moment ago may not be in the view yet: it is refused until its event arrives. The view can also
 * be a moment behind a deletion: then the catalog's reservation rejects the order instead.
 */
export function assertBooksOrderable(items: readonly OrderLine[], books: ReadonlyMap<string, { deleted: boolean }>): void {
  for (const [i, { bookId }] of items.entries()) {
    const field = `input.items[${i}].bookId`;
    const book = books.get(bookId);
    if (!book) throw new BadUserInputError(`${field} names no book in the catalogue: ${bookId}.`, field);
    if (book.deleted) throw new BadUserInputError(`${field} names a book that is no longer sold: ${bookId}.`, field);
  }
}

/** Opaque to us, so kept exactly as sent; only its length is checked. */
export function validateIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const length = charLength(key);
  if (length === 0 || length > ORDER_LIMITS.idempotencyKeyChars) {
    throw new BadUserInputError(`idempotencyKey must be 1 to ${ORDER_LIMITS.idempotencyKeyChars} characters.`, 'idempotencyKey');
  }
  return key;
}

export function validateCancelReason(reason: string | null | undefined): string | null {
  return optionalText(reason, 'reason', ORDER_LIMITS.reasonChars);
}

/**
 * A fingerprint of what was asked for, stored with an idempotency key so a retry can be told
 * from a different request reusing the key. Lines are sorted: their order does not change the order.
 */
export function requestFingerprint(order: NewOrder): string {
  const lines = [...order.items].sort((a, b) => (a.bookId < b.bookId ? -1 : a.bookId > b.bookId ? 1 : 0)).map((line) => [line.bookId, line.quantity]);
  const { line1, line2, city, postalCode, country } = order.shippingAddress;
  return createHash('sha256')
    .update(JSON.stringify([lines, [line1, line2, city, postalCode, country]]))
    .digest('hex');
}
