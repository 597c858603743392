import { expect } from 'vitest';

/** A page of a Relay connection, as a client reads it. */
export interface TestPage<N> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Follows `endCursor` from the first page to the last, `first` at a time, checking on the way
 * what every page of a connection must hold: `endCursor` is its last edge's cursor, every page but
 * the last is full, and `totalCount` is the same on every page and counts the nodes seen in all.
 * Returns the nodes in order.
 */
export async function walkPages<N>(first: number, fetchPage: (after: string | null) => Promise<TestPage<N>>): Promise<N[]> {
  const nodes: N[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const page: TestPage<N> = await fetchPage(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    totals.add(page.totalCount);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasNextPage) {
      expect([...totals]).toEqual([nodes.length]);
      return nodes;
    }
    expect(page.edges).toHaveLength(first);
    after = page.pageInfo.endCursor;
  }
}

/**
 * What an all-owners listing (newest first) must show once `made` (its newest ids, oldest first)
 * were written: they lead the first page, which has more after it; its total is the number of
 * ids `stored` (every id, newest first, read when the first page was); and walking it `first` at
 * a time yields exactly the stored ids.
 */
export async function expectNewestFirstListing<N extends { id: string }>(
  made: readonly string[],
  stored: () => Promise<string[]>,
  first: number,
  list: (variables: { first: number; after?: string | null }) => Promise<TestPage<N>>,
): Promise<void> {
  const page = await list({ first: made.length });
  expect(page.edges.map((edge) => edge.node.id)).toEqual([...made].reverse());
  expect(page.pageInfo.hasNextPage).toBe(true);
  const all = await stored();
  expect(page.totalCount).toBe(all.length);
  expect((await walkPages(first, (after) => list({ first, after }))).map((node) => node.id)).toEqual(all);
}
