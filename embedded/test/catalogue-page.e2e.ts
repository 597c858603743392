import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { gql } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// One page of books with fields of five subgraphs, on the embedded demo data, and what it costs
// each subgraph in SQL: batching keeps it a small constant whatever the page size.
const PAGE = `query($first: Int) { books(first: $first, sort: TITLE) { edges { node {
  title
  rating { average count distribution }
  reviews(first: 2) { totalCount edges { node { rating title author { username } } } }
  availability { totalCopies availableCopies available nextDueAt }
  summary { status text provider }
} } } }`;

let app: Embedded;
let dataDir: string;
let counting = false;
const queries = new Map<string, number>();
// The outbox relays poll in the background; only the request's own statements count.
const background = /outbox|inbox|advisory|^\s*(begin|commit|rollback)/i;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'catalogue-page-'));
  const zero = freePorts();
  app = await startEmbedded(loadConfig({ ...zero, DATA_DIR: dataDir }), createLogger('catalogue-page-test', 'silent'), {
    onQuery: (subgraph, query) => {
      if (counting && !background.test(query)) queries.set(subgraph, (queries.get(subgraph) ?? 0) + 1);
    },
  });
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The SQL statements each subgraph ran for one page of `first` books. */
async function queriesForPage(first: number): Promise<Map<string, number>> {
  queries.clear();
  counting = true;
  try {
    const res = await gql(app.routerUrl, PAGE, { first });
    expect(res.errors).toBeUndefined();
    return new Map(queries);
  } finally {
    counting = false;
  }
}

describe('a catalogue page across the supergraph', () => {
  it('shows title, rating, latest reviews with usernames, availability and summary for 20 demo books', async () => {
    const res = await gql(app.routerUrl, PAGE, { first: 20 });
    expect(res.errors).toBeUndefined();
    const books = res.data!.books.edges.map((e: { node: unknown }) => e.node) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(books).toHaveLength(20);
    const reviewed = books.filter((b) => b.rating.count > 0);
    expect(reviewed.length).toBeGreaterThan(10);
    for (const book of reviewed) {
      expect(book.reviews.totalCount).toBe(book.rating.count);
      expect(book.rating.distribution.reduce((a: number, b: number) => a + b, 0)).toBe(book.rating.count);
      for (const { node } of book.reviews.edges) expect(node.author.username).toMatch(/^(admin|librarian|reader)$/);
    }
    for (const book of books) {
      expect(book.availability.totalCopies).toBeGreaterThan(0);
      expect(book.summary).toMatchObject({ status: 'READY', provider: 'extractive' });
      expect(book.summary.text.length).toBeGreaterThan(20);
    }
  });

  it('costs each subgraph a bounded number of SQL queries, the same for 5 books as for 50', async () => {
    const small = await queriesForPage(5);
    const large = await queriesForPage(50);
    expect(Object.fromEntries(large)).toEqual(Object.fromEntries(small));
    expect(large.get('catalog')).toBeLessThanOrEqual(4);
    expect(large.get('reviews')).toBeLessThanOrEqual(3);
    expect(large.get('users')).toBeLessThanOrEqual(1);
    expect(large.get('loans')).toBeLessThanOrEqual(2);
    expect(large.get('summaries')).toBeLessThanOrEqual(1);
    console.log('SQL statements per subgraph for a page of 50 books:', Object.fromEntries(large));
  });
});
