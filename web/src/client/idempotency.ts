/**
 * Idempotency keys that survive retries: the same input (an order, a payment) sent again after a
 * lost answer or a reload carries the same key, so the API answers with the first result instead
 * of acting twice; changed input gets a new key (the API refuses a key reused for other input).
 * Kept in sessionStorage: per tab, gone when the tab closes.
 */
export function idempotencyKey(scope: string, input: unknown, storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage): string {
  const storageKey = `bookstore.idempotency.${scope}`;
  const signature = JSON.stringify(input);
  try {
    const saved = JSON.parse(storage.getItem(storageKey) ?? 'null') as { signature: string; key: string } | null;
    if (saved?.signature === signature) return saved.key;
  } catch {
    // A damaged entry: start again.
  }
  const key = crypto.randomUUID();
  storage.setItem(storageKey, JSON.stringify({ signature, key }));
  return key;
}

/** After success: the next attempt is a new request. */
export function forgetIdempotencyKey(scope: string, storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(`bookstore.idempotency.${scope}`);
}
