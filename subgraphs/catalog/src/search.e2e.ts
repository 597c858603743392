import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, walkPages, type TestPage } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalogue } from './subgraph.js';
import { startCatalog, type CatalogHarness, type TargetKind } from './testing/harness.js';

type SearchPage = TestPage<{ id: string; title: string; authors: { name: string }[]; categories: { slug: string }[] }>;

const BOOKS = `query Books($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {
  books(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title authors { name } categories { slug } } }
  }
}`;

// The same suite on PostgreSQL (services mode) and PGlite (embedded mode): both load pg_trgm.
describe.each<TargetKind>(['postgres', 'pglite'])('book search on %s', (kind) => {
  let catalog: CatalogHarness;

  beforeAll(async () => {
    catalog = await startCatalog(kind);
    await seedDemoCatalogue(catalog.db);
  });
  afterAll(() => catalog?.stop());

  async function search(text: string, variables: Record<string, unknown> = {}): Promise<SearchPage> {
    const response = await catalog.request<{ books: SearchPage }>(BOOKS, { filter: { search: text }, first: 100, ...variables });
    expect(response.errors).toBeUndefined();
    return response.data!.books;
  }

  const titles = (page: SearchPage) => page.edges.map((edge) => edge.node.title);

  /** Which tier each book of the demo catalogue falls in for `text`, straight from the database: 3 exact, 2 prefix, 1 similar, 0 none. */
  async function tiersOf(text: string, prefixQuery: string): Promise<Map<string, number>> {
    const rows = await queryRows<{ id: string; tier: number }>(
      catalog.db,
      sql`select id, case when search_vector @@ websearch_to_tsquery('english', ${text}) then 3
                          when search_vector @@ to_tsquery('english', ${prefixQuery}) then 2
                          when word_similarity(${text}, title || ' ' || author_names) >= 0.6 then 1
                          else 0 end as tier
          from catalog.books`,
    );
    return new Map(rows.map((row) => [row.id, Number(row.tier)]));
  }

  it('finds Pride and Prejudice while the shopper is still typing "prid"', async () => {
    const page = await search('prid');
    expect(titles(page)[0]).toBe('Pride and Prejudice');
    expect((await search('pride and prej')).edges[0]?.node.title).toBe('Pride and Prejudice');
  });

  it('forgives typos: "pride prejudise", "frankenstien", "jane austin"', async () => {
    expect(titles(await search('pride prejudise'))[0]).toBe('Pride and Prejudice');
    expect(titles(await search('frankenstien'))[0]).toBe('Frankenstein');
    const austen = await search('jane austin');
    expect(austen.edges.length).toBeGreaterThanOrEqual(5);
    expect(austen.edges.slice(0, 5).every((edge) => edge.node.authors.some((author) => author.name === 'Jane Austen'))).toBe(true);
  });

  it('ranks exact matches first, then prefix matches, then similar titles, and lists nothing else', async () => {
    for (const text of ['man', 'mari', 'wild']) {
      const page = await search(text);
      const tiers = await tiersOf(text, `'${text}':*`);
      const listed = page.edges.map((edge) => tiers.get(edge.node.id)!);
      // Every tier is present, so the order below is a real test of the ranking.
      expect(new Set(listed)).toEqual(new Set([3, 2, 1]));
      expect(listed).toEqual([...listed].sort((a, b) => b - a));
      expect(page.totalCount).toBe([...tiers.values()].filter((tier) => tier > 0).length);
    }
  });

  it('pages a search across its tiers without losing or repeating a book', async () => {
    const all = await search('mari');
    const walked = await walkPages(2, async (after) => search('mari', { first: 2, after }));
    expect(walked.map((book) => book.id)).toEqual(all.edges.map((edge) => edge.node.id));
  });

  it('matches nothing for random strings', async () => {
    for (const text of ['xqzvbkwp', 'qwerty asdf', 'zzzz', '&&& !!! :*', 'a'.repeat(200)]) {
      expect((await search(text)).totalCount, text).toBe(0);
    }
  });

  it('keeps a quoted phrase and an excluded word exact', async () => {
    expect(titles(await search('"pride and prejudice"'))).toEqual(['Pride and Prejudice']);
    // Without the exclusion "prejudice" would find it as an exact match and "prejudise" as a similar title.
    expect(titles(await search('prejudice -pride'))).not.toContain('Pride and Prejudice');
    expect((await search('"prejudise"')).totalCount).toBe(0);
  });

  it("takes the shopper's punctuation as text, never as query syntax", async () => {
    expect(titles(await search("pride & prejudice's"))[0]).toBe('Pride and Prejudice');
    expect(titles(await search('pride:* | (prejud'))[0]).toBe('Pride and Prejudice');
  });

  it('still rejects a search longer than 200 characters, naming the field', async () => {
    const response = await catalog.request(BOOKS, { filter: { search: 'p'.repeat(201) } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.['field']).toBe('filter.search');
  });

  it('costs the same statements per page as a listing without a search', async () => {
    const plain = await catalog.countQueries(() => catalog.request(BOOKS, { first: 50 }));
    const searched = await catalog.countQueries(async () => {
      expect((await search('pride prejudise', { first: 50 })).edges.length).toBeGreaterThan(0);
    });
    // The page, its authors, its categories and totalCount.
    expect(searched).toBe(4);
    expect(searched).toBe(plain);
  });
});
