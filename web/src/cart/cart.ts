import { useSyncExternalStore } from 'react';

/** One line of the cart: a book and how many. Prices are never kept: they come from the catalogue. */
export interface CartLine {
  bookId: string;
  quantity: number;
}

export const CART_KEY = 'bookstore.cart';
/** The API's bound on one order line (README "Money bounds"). */
export const MAX_LINE_QUANTITY = 100;
/** The API's bound on lines per order. */
export const MAX_LINES = 50;

const listeners = new Set<() => void>();
let cached: { raw: string | null; lines: CartLine[] } = { raw: null, lines: [] };

function read(): CartLine[] {
  const raw = localStorage.getItem(CART_KEY);
  if (raw === cached.raw) return cached.lines;
  let lines: CartLine[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) {
      lines = parsed
        .filter((line): line is CartLine => typeof line?.bookId === 'string' && Number.isInteger(line?.quantity) && line.quantity > 0)
        .map((line) => ({ bookId: line.bookId, quantity: Math.min(line.quantity, MAX_LINE_QUANTITY) }));
    }
  } catch {
    // A damaged cart is an empty one.
  }
  cached = { raw, lines };
  return lines;
}

function write(lines: CartLine[]): void {
  localStorage.setItem(CART_KEY, JSON.stringify(lines));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the cart.
  const onStorage = (event: StorageEvent) => {
    if (event.key === CART_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The cart, kept in this browser (localStorage) and shared by its tabs. */
export const cart = {
  lines: read,
  add(bookId: string, quantity = 1): void {
    const lines = read();
    const existing = lines.find((line) => line.bookId === bookId);
    if (existing) write(lines.map((line) => (line === existing ? { ...line, quantity: Math.min(line.quantity + quantity, MAX_LINE_QUANTITY) } : line)));
    else write([...lines, { bookId, quantity: Math.min(quantity, MAX_LINE_QUANTITY) }].slice(-MAX_LINES));
  },
  setQuantity(bookId: string, quantity: number): void {
    write(quantity <= 0 ? read().filter((line) => line.bookId !== bookId) : read().map((line) => (line.bookId === bookId ? { ...line, quantity: Math.min(quantity, MAX_LINE_QUANTITY) } : line)));
  },
  remove(bookId: string): void {
    write(read().filter((line) => line.bookId !== bookId));
  },
  clear(): void {
    write([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, read, () => []);
}

export function useCartCount(): number {
  return useCart().reduce((sum, line) => sum + line.quantity, 0);
}
