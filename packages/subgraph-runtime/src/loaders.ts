import DataLoader from 'dataloader';
import { isUuid } from './ids.js';

/**
 * A DataLoader whose batch function returns rows in any order; rows are matched back to keys
 * by `keyOf`, and missing ones resolve to null. One SQL query per batch.
 */
export function rowLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like `rowLoader` for one-to-many lists (a book's authors): each key gets its rows, in fetch order. */
export function groupLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Like `rowLoader` for counts (a customer's orders): one query per batch, and 0 for keys it has no row for. */
export function countLoader<K extends string, R extends { count: number }>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, number> {
  return new DataLoader<K, number>(async (keys) => {
    const counts = new Map((await fetch(keys)).map((row) => [keyOf(row), row.count]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

/**
 * One loader per distinct argument set (a page's `first` and `after`, a status filter), made on
 * first use: the owners that ask for the same page share one query. `clear` drops them all.
 */
export function loaderPerArgs<A, L>(create: (args: A) => L): { get(args: A): L; clear(): void } {
  const loaders = new Map<string, L>();
  return {
    get(args) {
      const key = JSON.stringify(args);
      let loader = loaders.get(key);
      if (!loader) {
        loader = create(args);
        loaders.set(key, loader);
      }
      return loader;
    },
    clear: () => loaders.clear(),
  };
}

/**
 * A batch fetch by ids that come from other subgraphs' representations: only UUIDs can match a
 * row, and anything else would make the uuid comparison fail in SQL, so only those are fetched
 * (and nothing at all when there are none).
 */
export function uuidsOnly<V>(fetch: (ids: readonly string[]) => Promise<V[]>): (ids: readonly string[]) => Promise<V[]> {
  return async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length === 0 ? [] : fetch(valid);
  };
}
