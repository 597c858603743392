import { describe, expect, it } from 'vitest';
import { countLoader, loaderPerArgs, uuidsOnly } from './loaders.js';

const UUID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';

describe('loaders', () => {
  it('counts a batch in one fetch, 0 where there is no row', async () => {
    const batches: (readonly string[])[] = [];
    const loader = countLoader(
      async (keys: readonly string[]) => {
        batches.push(keys);
        return [{ ownerId: 'a', count: 3 }];
      },
      (row) => row.ownerId,
    );
    expect(await Promise.all([loader.load('a'), loader.load('b')])).toEqual([3, 0]);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('makes one loader per argument set, until cleared', () => {
    let made = 0;
    const pages = loaderPerArgs((page: { first: number; after: string | null }) => ({ page, serial: ++made }));
    const first = pages.get({ first: 2, after: null });
    expect(pages.get({ first: 2, after: null })).toBe(first);
    expect(pages.get({ first: 3, after: null })).not.toBe(first);
    pages.clear();
    expect(pages.get({ first: 2, after: null })).not.toBe(first);
    expect(made).toBe(3);
  });

  it('fetches only UUIDs, and nothing without one', async () => {
    const fetched: (readonly string[])[] = [];
    const fetch = uuidsOnly(async (ids) => {
      fetched.push(ids);
      return [...ids];
    });
    expect(await fetch(['not-a-uuid', UUID])).toEqual([UUID]);
    expect(await fetch(['user-1'])).toEqual([]);
    expect(fetched).toEqual([[UUID]]);
  });
});
