import { encodeCursor, queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, walkPages, type TestPage } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from './seed/demo-catalogue.json' with { type: 'json' };
import { seedDemoCatalogue } from './subgraph.js';
import { startCatalog, type CatalogHarness } from './testing/harness.js';

interface ListedBook {
  id: string;
  title: string;
  price: { amount: string; currency: string };
  stock: number;
  createdAt: string;
  authors: { id: string; name: string }[];
  categories: { slug: string }[];
}

type BookPage = TestPage<ListedBook>;

const BOOKS = `query Books($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {
  books(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title price { amount currency } stock createdAt authors { id name } categories { slug } } }
  }
}`;

const cents = (amount: string) => Math.round(Number(amount) * 100);

let catalog: CatalogHarness;

beforeAll(async () => {
  catalog = await startCatalog('postgres');
  await seedDemoCatalogue(catalog.db);
});
afterAll(() => catalog?.stop());

async function booksPage(variables: Record<string, unknown>): Promise<BookPage> {
  const response = await catalog.request<{ books: BookPage }>(BOOKS, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.books;
}

async function booksError(variables: Record<string, unknown>): Promise<string | undefined> {
  const response = await catalog.request(BOOKS, variables);
  expect(response.data ?? null).toBeNull();
  return errorCode(response);
}

function walkBooks(variables: Record<string, unknown>, first: number): Promise<ListedBook[]> {
  return walkPages(first, (after) => booksPage({ ...variables, first, after }));
}

function expectEachOnce(books: { id: string }[], count: number): void {
  expect(books).toHaveLength(count);
  expect(new Set(books.map((book) => book.id)).size).toBe(count);
}

describe('books', () => {
  it('walks every sort page by page, seeing each book exactly once in order', async () => {
    const byTitle = await walkBooks({ sort: 'TITLE' }, 7);
    expectEachOnce(byTitle, 92);
    const databaseOrder = await queryRows<{ id: string }>(catalog.db, sql`select id from catalog.books order by title, id`);
    expect(byTitle.map((book) => book.id)).toEqual(databaseOrder.map((row) => row.id));

    const byPrice = await walkBooks({ sort: 'PRICE_ASC' }, 9);
    expectEachOnce(byPrice, 92);
    for (let i = 1; i < byPrice.length; i++) {
      const [previous, current] = [byPrice[i - 1]!, byPrice[i]!];
      expect(cents(previous.price.amount) < cents(current.price.amount) || (previous.price.amount === current.price.amount && previous.id < current.id)).toBe(true);
    }

    const byPriceDesc = await walkBooks({ sort: 'PRICE_DESC' }, 11);
    expect(byPriceDesc.map((book) => book.id)).toEqual(byPrice.map((book) => book.id).reverse());

    // The demo books are seeded in one statement, so they share createdAt: only the id breaks the ties.
    const newest = await walkBooks({ sort: 'NEWEST' }, 13);
    expectEachOnce(newest, 92);
    expect(newest.map((book) => book.id)).toEqual(newest.map((book) => book.id).sort().reverse());
  });

  it('pages a ranked search without losing or repeating tied ranks', async () => {
    const filter = { search: 'novel' };
    const all = await booksPage({ filter, first: 100 });
    expect(all.totalCount).toBeGreaterThan(10);
    const walked = await walkBooks({ filter }, 3);
    expect(walked.map((book) => book.id)).toEqual(all.edges.map((edge) => edge.node.id));
  });

  it('takes first from 0 to 100', async () => {
    const empty = await booksPage({ first: 0 });
    expect(empty).toEqual({ totalCount: 92, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
    expect((await booksPage({})).edges).toHaveLength(20);
    const all = await booksPage({ first: 100 });
    expect(all.edges).toHaveLength(92);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(await booksError({ first: 101 })).toBe('BAD_USER_INPUT');
    expect(await booksError({ first: -1 })).toBe('BAD_USER_INPUT');
  });

  it('rejects malformed cursors and cursors of another sort', async () => {
    const priceCursor = (await booksPage({ sort: 'PRICE_ASC', first: 1 })).pageInfo.endCursor;
    expect(await booksError({ sort: 'PRICE_DESC', after: priceCursor })).toBe('BAD_USER_INPUT');
    expect(await booksError({ after: priceCursor })).toBe('BAD_USER_INPUT');
    expect(await booksError({ after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
    expect(await booksError({ after: encodeCursor(['TITLE', 'Emma', 'not-a-uuid']) })).toBe('BAD_USER_INPUT');
  });

  it('filters by category', async () => {
    const { data } = await catalog.request('{ categories { id slug } }');
    const romance = (data?.categories as { id: string; slug: string }[]).find((category) => category.slug === 'romance')!;
    const books = await walkBooks({ filter: { categoryId: romance.id } }, 100);
    expect(books.map((book) => book.title).sort()).toEqual(demo.books.filter((book) => book.categories.includes('romance')).map((book) => book.title).sort());
    expect(books.every((book) => book.categories.some((category) => category.slug === 'romance'))).toBe(true);
  });

  it('filters by author id and by part of an author name, case-insensitively', async () => {
    const austenTitles = demo.books.filter((book) => book.authors.includes('Jane Austen')).map((book) => book.title).sort();
    const byName = await walkBooks({ filter: { author: 'AUSTEN' } }, 100);
    expect(byName.map((book) => book.title).sort()).toEqual(austenTitles);
    const austenId = byName[0]!.authors[0]!.id;
    const byId = await walkBooks({ filter: { authorId: austenId } }, 100);
    expect(byId.map((book) => book.title).sort()).toEqual(austenTitles);

    const conan = await walkBooks({ filter: { author: 'an doy' } }, 100);
    expect(conan).toHaveLength(demo.books.filter((book) => book.authors.includes('Arthur Conan Doyle')).length);
  });

  it('matches LIKE wildcards in the author filter literally', async () => {
    expect((await booksPage({ filter: { author: '%' } })).totalCount).toBe(0);
    expect((await booksPage({ filter: { author: '_' } })).totalCount).toBe(0);
    expect((await booksPage({ filter: { author: 'H. G.' } })).totalCount).toBe(demo.books.filter((book) => book.authors.includes('H. G. Wells')).length);
  });

  it('filters by an inclusive price range', async () => {
    const books = await walkBooks({ filter: { minPrice: '7.99', maxPrice: '9.99' } }, 100);
    const expected = demo.books.filter((book) => cents(book.price) >= 799 && cents(book.price) <= 999);
    expect(books.map((book) => book.title).sort()).toEqual(expected.map((book) => book.title).sort());
    expect((await booksPage({ filter: { minPrice: '19.99' } })).totalCount).toBe(demo.books.filter((book) => book.price === '19.99').length);
    expect((await booksPage({ filter: { maxPrice: '4.99' } })).totalCount).toBe(demo.books.filter((book) => book.price === '4.99').length);
  });

  it('rejects a bad price range', async () => {
    expect(await booksError({ filter: { minPrice: '10.00', maxPrice: '9.99' } })).toBe('BAD_USER_INPUT');
    expect(await booksError({ filter: { minPrice: 'cheap' } })).toBe('BAD_USER_INPUT');
    expect(await booksError({ filter: { maxPrice: '-1' } })).toBe('BAD_USER_INPUT');
  });

  it('filters by stock', async () => {
    const inStock = demo.books.filter((book) => book.stock > 0).length;
    expect(inStock).toBeLessThan(92);
    expect((await booksPage({ filter: { inStock: true } })).totalCount).toBe(inStock);
    const soldOut = await walkBooks({ filter: { inStock: false } }, 100);
    expect(soldOut).toHaveLength(92 - inStock);
    expect(soldOut.every((book) => book.stock === 0)).toBe(true);
  });

  it('combines filters', async () => {
    const page = await booksPage({ filter: { search: 'detective', author: 'doyle', maxPrice: '100' } });
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.edges.every((edge) => edge.node.authors.some((author) => author.name === 'Arthur Conan Doyle'))).toBe(true);
  });

  it('ranks "pride" with Pride and Prejudice first', async () => {
    const page = await booksPage({ filter: { search: 'pride' } });
    expect(page.edges[0]?.node.title).toBe('Pride and Prejudice');
  });

  it('sorts a search by relevance unless told otherwise', async () => {
    const filter = { search: 'war' };
    const byDefault = await booksPage({ filter, first: 100 });
    const byRelevance = await booksPage({ filter, sort: 'RELEVANCE', first: 100 });
    expect(byDefault.edges.map((edge) => edge.node.id)).toEqual(byRelevance.edges.map((edge) => edge.node.id));
    const byPrice = await booksPage({ filter, sort: 'PRICE_DESC', first: 100 });
    const prices = byPrice.edges.map((edge) => cents(edge.node.price.amount));
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    expect(byPrice.totalCount).toBe(byDefault.totalCount);
  });

  it('treats RELEVANCE without a search, and a blank search, as TITLE over everything', async () => {
    const byTitle = await booksPage({ sort: 'TITLE', first: 30 });
    const relevance = await booksPage({ sort: 'RELEVANCE', first: 30 });
    expect(relevance.edges.map((edge) => edge.node.id)).toEqual(byTitle.edges.map((edge) => edge.node.id));
    const blank = await booksPage({ filter: { search: '   ' }, first: 30 });
    expect(blank.totalCount).toBe(92);
    expect(blank.edges.map((edge) => edge.node.id)).toEqual(byTitle.edges.map((edge) => edge.node.id));
  });

  it('accepts a 200-character search and rejects a longer one', async () => {
    expect((await booksPage({ filter: { search: 'a'.repeat(200) } })).totalCount).toBe(0);
    expect(await booksError({ filter: { search: 'a'.repeat(201) } })).toBe('BAD_USER_INPUT');
  });

  it('serves money in dollars and cents', async () => {
    const page = await booksPage({ filter: { search: '"Pride and Prejudice"' }, first: 1 });
    expect(page.edges[0]?.node.price).toEqual({ amount: '9.99', currency: 'USD' });
  });
});

describe('book', () => {
  it('finds a book by id, and answers null for an unknown one', async () => {
    const [first] = (await booksPage({ first: 1 })).edges;
    const { data } = await catalog.request('query($id: ID!) { book(id: $id) { id title } }', { id: first!.node.id.toUpperCase() });
    expect(data?.book).toEqual({ id: first!.node.id, title: first!.node.title });
    const unknown = await catalog.request('{ book(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.book).toBeNull();
  });

  it('rejects a malformed id', async () => {
    const response = await catalog.request('{ book(id: "42") { id } }');
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.['field']).toBe('id');
  });
});

describe('categories and authors', () => {
  it('lists categories by name', async () => {
    const { data } = await catalog.request('{ categories { name slug } }');
    const names = (data?.categories as { name: string }[]).map((category) => category.name);
    expect(names).toHaveLength(14);
    expect(names).toEqual(
      demo.categories
        .map((category) => category.name)
        .sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  const AUTHORS = 'query($first: Int, $after: String) { authors(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }';
  const authorCount = new Set(demo.books.flatMap((book) => book.authors)).size;

  it('walks all authors by name', async () => {
    const seen = await walkPages(10, async (after) => {
      const { data, errors } = await catalog.request<{ authors: TestPage<{ id: string; name: string }> }>(AUTHORS, { first: 10, after });
      expect(errors).toBeUndefined();
      expect(data!.authors.totalCount).toBe(authorCount);
      return data!.authors;
    });
    expectEachOnce(seen, authorCount);
    const names = seen.map((author) => author.name);
    const databaseOrder = await queryRows<{ name: string }>(catalog.db, sql`select name from catalog.authors order by name, id`);
    expect(names).toEqual(databaseOrder.map((row) => row.name));
  });

  it('takes first from 0 to 100 and rejects bad cursors', async () => {
    expect((await catalog.request(AUTHORS, { first: 0 })).data?.authors.edges).toEqual([]);
    expect((await catalog.request(AUTHORS, { first: 100 })).data?.authors.pageInfo.hasNextPage).toBe(false);
    expect(errorCode(await catalog.request(AUTHORS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await catalog.request(AUTHORS, { after: 'bm9wZQ' }))).toBe('BAD_USER_INPUT');
    const bookCursor = (await booksPage({ first: 1 })).pageInfo.endCursor;
    expect(errorCode(await catalog.request(AUTHORS, { after: bookCursor }))).toBe('BAD_USER_INPUT');
  });

  const AUTHOR_BOOKS = `query($ids: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $ids) { ... on Author { name books(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } } }
  }`;

  it("walks an author's books by title", async () => {
    const austen = (await booksPage({ filter: { author: 'Jane Austen' }, first: 1 })).edges[0]!.node.authors[0]!;
    const expected = (await booksPage({ filter: { authorId: austen.id }, sort: 'TITLE' })).edges.map((edge) => edge.node.title);
    expect(expected).toHaveLength(5);
    const books = await walkPages(2, async (after) => {
      const { data, errors } = await catalog.request<{ _entities: { books: TestPage<{ title: string }> }[] }>(AUTHOR_BOOKS, {
        ids: [{ __typename: 'Author', id: austen.id }],
        first: 2,
        after,
      });
      expect(errors).toBeUndefined();
      expect(data!._entities[0]!.books.totalCount).toBe(5);
      return data!._entities[0]!.books;
    });
    const titles = books.map((book) => book.title);
    expect(titles).toEqual(expected);
  });

  it("checks an author's page arguments", async () => {
    const austen = (await booksPage({ filter: { author: 'Jane Austen' }, first: 1 })).edges[0]!.node.authors[0]!;
    const ids = [{ __typename: 'Author', id: austen.id }];
    const empty = await catalog.request(AUTHOR_BOOKS, { ids, first: 0 });
    expect(empty.data?._entities[0].books).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: true } });
    expect((await catalog.request(AUTHOR_BOOKS, { ids, first: 100 })).data?._entities[0].books.edges).toHaveLength(5);
    expect(errorCode(await catalog.request(AUTHOR_BOOKS, { ids, first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await catalog.request(AUTHOR_BOOKS, { ids, after: 'bm9wZQ' }))).toBe('BAD_USER_INPUT');
  });
});

describe('_entities', () => {
  it('resolves books, authors and categories; an unknown book to its stand-in, other unknown or malformed ids to null', async () => {
    const book = (await booksPage({ filter: { search: 'pride' }, first: 1 })).edges[0]!.node;
    const { data: categoryData } = await catalog.request('{ categories { id name } }');
    const category = categoryData?.categories[0];
    const { data, errors } = await catalog.request(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Book { id title price { amount } authors { name } }
        ... on Author { id name }
        ... on Category { id name }
      } }`,
      {
        r: [
          { __typename: 'Book', id: book.id },
          { __typename: 'Author', id: book.authors[0]!.id },
          { __typename: 'Category', id: category.id },
          { __typename: 'Book', id: '00000000-0000-4000-8000-000000000000' },
          { __typename: 'Category', id: 'romance' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      { id: book.id, title: 'Pride and Prejudice', price: { amount: '9.99' }, authors: [{ name: 'Jane Austen' }] },
      { id: book.authors[0]!.id, name: 'Jane Austen' },
      { id: category.id, name: category.name },
      { id: '00000000-0000-4000-8000-000000000000', title: 'Unknown book', price: { amount: '0.00' }, authors: [] },
      null,
    ]);
  });
});

describe('query cost', () => {
  it('lists 50 books with authors and categories in a bounded number of queries', async () => {
    let page: BookPage | undefined;
    const queries = await catalog.countQueries(async () => {
      page = await booksPage({ first: 50 });
    });
    expect(page?.edges).toHaveLength(50);
    expect(page?.edges.every((edge) => edge.node.authors.length > 0 && edge.node.categories.length > 0)).toBe(true);
    // The page, its authors, its categories and totalCount.
    expect(queries).toBe(4);
  });

  it('counts the total only when it is selected', async () => {
    const queries = await catalog.countQueries(async () => {
      const { data } = await catalog.request('{ books(first: 50) { edges { node { authors { name } categories { name } } } } }');
      expect(data?.books.edges).toHaveLength(50);
    });
    expect(queries).toBe(3);
  });

  it('lists 50 authors with a page of books each in a bounded number of queries', async () => {
    const queries = await catalog.countQueries(async () => {
      const { data, errors } = await catalog.request('{ authors(first: 50) { edges { node { name books(first: 2) { totalCount edges { node { title authors { name } categories { name } } } } } } } }');
      expect(errors).toBeUndefined();
      expect(data?.authors.edges).toHaveLength(50);
    });
    // Authors, their book pages, their book counts, and the books' authors and categories.
    expect(queries).toBe(5);
  });

  it('resolves 50 book references in bounded queries', async () => {
    const ids = (await booksPage({ first: 50 })).edges.map((edge) => ({ __typename: 'Book', id: edge.node.id }));
    const queries = await catalog.countQueries(async () => {
      const { data } = await catalog.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { title authors { name } categories { name } } } }', { r: ids });
      expect(data?._entities).toHaveLength(50);
    });
    expect(queries).toBe(3);
  });
});

describe('seedDemoCatalogue', () => {
  it('inserts nothing once the catalogue has books', async () => {
    expect(await seedDemoCatalogue(catalog.db)).toEqual({ inserted: 0 });
    expect((await booksPage({ first: 0 })).totalCount).toBe(92);
  });
});
