// npm run bench search: what a shopper's search costs, through the router in services mode, on
// the 92-book demo catalogue and on the demo plus 50,000 generated books. Each catalogue has a
// stack (users, catalog and the router as real processes) and a database of its own; the 50,000
// books, their 900 authors and their links are written by three INSERT ... SELECT generate_series
// statements, straight into the catalog's tables, after the catalog migrated them (the search
// vector is a generated column and the indexes are kept by PostgreSQL, as for a book written
// through the API). For each kind of search (an exact word, a word being typed, a typo, a phrase
// with a typo, a stopword that matches by similarity only, a random string, and no search at all
// as the baseline) we check the answer, then time it two ways: one request at a time on one
// keep-alive connection (unloaded latency), and with autocannon at CONNECTIONS concurrent
// connections through a router that runs every request (DEDUPLICATE_QUERIES=false; identical
// queries in flight would otherwise share one execution). The page is the storefront's: 20 books
// with price and authors, and totalCount. Not part of the test suite.
import { loadavg } from 'node:os';
import { catalogSubgraph, seedDemoCatalogue } from '@bookstore/catalog-subgraph';
import { openDatabase } from '@bookstore/subgraph-runtime';
import postgres from 'postgres';
import { runLoad, serialLatency, type LoadResult, type SerialLatency } from './lib/load.js';
import { markdownTable, problemsParagraph, publishSection, round, sectionHead } from './lib/report.js';
import { benchSeconds, closeClients, mustGraphql, startStack, summariseProblems, type BenchStack } from './lib/stack.js';

const PAGE = `query Search($search: String!) {
  books(filter: { search: $search }, first: 20) {
    totalCount
    edges { node { id title price { amount currency } authors { name } } }
  }
}`;

interface SearchCase {
  kind: string;
  search: string;
  /** The first result's title on both catalogues; null when nothing may match; absent when any answer will do. */
  first?: string | null;
}

const CASES: SearchCase[] = [
  // A blank search is no search: the page by title, the yardstick for what searching adds.
  { kind: 'no search (baseline)', search: '' },
  { kind: 'exact word', search: 'garden', first: 'The Secret Garden' },
  { kind: 'exact word, many generated matches', search: 'kingdom' },
  { kind: 'typing (prefix)', search: 'prid', first: 'Pride and Prejudice' },
  { kind: 'typo', search: 'frankenstien', first: 'Frankenstein' },
  { kind: 'two words, one typo', search: 'pride prejudise', first: 'Pride and Prejudice' },
  { kind: 'typo, many generated matches', search: 'lanturn' },
  { kind: 'stopword (similarity only)', search: 'the' },
  { kind: 'random string', search: 'xqzvbkwp', first: null },
];
const GENERATED_BOOKS = 50_000;
const CONNECTIONS = 10;
const SERIAL_REQUESTS = 100;
const SERIAL_WARMUP = 10;

const seconds = Math.min(benchSeconds(), 10);

interface CaseResult {
  searchCase: SearchCase;
  totalCount: number;
  serial: SerialLatency;
  load: LoadResult;
}

interface CatalogueRun {
  label: string;
  books: number;
  seedSeconds: number;
  results: CaseResult[];
  problems: string[];
}

/**
 * Books, 900 authors and their links in three statements: titles from word lists (8,000
 * distinct, each then in several editions), one author per book. The word lists avoid the demo
 * titles' distinctive words, so the checked searches keep their first result on both catalogues.
 */
async function generateBooks(databaseUrl: string, count: number): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`
      insert into catalog.authors (name)
      select f.name || ' ' || l.name
      from unnest(array['Ada','Bram','Cora','Dmitri','Edith','Felix','Greta','Hugo','Iris','Jonas','Kira','Leon','Mara','Nils','Olive','Piet','Quinn','Rosa','Silas','Tessa','Umar','Vera','Wendell','Xenia','Yusuf','Zora','Alma','Boris','Clara','Dario']) as f(name)
      cross join unnest(array['Ashdown','Blackwood','Calloway','Draper','Ellery','Fairbanks','Galloway','Holloway','Ingram','Jessop','Kettering','Lindqvist','Marlowe','Northcott','Oakley','Pemberton','Quill','Ravenscroft','Sterling','Thornbury','Underhill','Vance','Whitlock','Yardley','Zimmer','Abernathy','Bellamy','Crane','Dunmore','Everly']) as l(name)`;
    await sql`
      with words as (
        select array['Silent','Hidden','Broken','Golden','Lost','Last','Crimson','Distant','Burning','Winter','Iron','Glass','Quiet','Endless','Dark','Bright','Fallen','Northern','Hollow','Painted'] as adjectives,
               array['River','Empire','Kingdom','Voyage','Harbour','Mountain','Station','Orchard','Letter','Mirror','Lantern','Forest','Island','Castle','Tower','Shadow','Promise','Journey','Storm','Bridge'] as nouns,
               array['Memory','Summer','the North','Ashes','Tomorrow','Salt','Stars','Wolves','Kings','Dreams','Bones','Rain','Thunder','Roses','Smoke','Silence','Gold','Fire','the Sea','Winter'] as tails
      ), authors as (
        -- the authors just inserted: the demo's all have books
        select array_agg(name order by name) as names from catalog.authors a where not exists (select 1 from catalog.book_authors ba where ba.author_id = a.id)
      )
      insert into catalog.books (title, description, author_names, price_cents, stock, published_year, page_count)
      select words.adjectives[1 + i % 20] || ' ' || words.nouns[1 + (i / 20) % 20] || ' of ' || words.tails[1 + (i / 400) % 20],
             'A novel of ' || lower(words.tails[1 + (i / 7) % 20]) || ' and ' || lower(words.nouns[1 + (i / 3) % 20]) || ', edition ' || (1 + i / 8000) || '.',
             authors.names[1 + i % cardinality(authors.names)],
             499 + (i * 37) % 2000, i % 7, 1900 + i % 125, 120 + i % 600
      from generate_series(0, ${count - 1}) as i, words, authors`;
    await sql`
      insert into catalog.book_authors (book_id, author_id, position)
      select b.id, a.id, 0 from catalog.books b join catalog.authors a on a.name = b.author_names
      where not exists (select 1 from catalog.book_authors ba where ba.book_id = b.id)`;
    await sql`analyze catalog.books`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function seedDemo(stack: BenchStack): Promise<void> {
  const catalog = await openDatabase({ schema: 'catalog', target: { kind: 'postgres', url: stack.databaseUrl, poolSize: 1 }, migrationsFolder: catalogSubgraph.migrationsFolder });
  try {
    await seedDemoCatalogue(catalog.db);
  } finally {
    await catalog.close();
  }
}

type Page = { books: { totalCount: number; edges: { node: { title: string } }[] } };

async function check(url: string, searchCase: SearchCase): Promise<number> {
  const page = await mustGraphql<Page>(url, PAGE, { search: searchCase.search });
  const first = page.books.edges[0]?.node.title ?? null;
  if (searchCase.first !== undefined && first !== searchCase.first) throw new Error(`search "${searchCase.search}": expected ${searchCase.first ?? 'nothing'} first, got ${first ?? 'nothing'}`);
  return page.books.totalCount;
}

async function measureCatalogue(label: string, generated: number): Promise<CatalogueRun> {
  console.log(`search: ${label}: starting users, catalog and the router (services mode) ...`);
  const stack = await startStack({ label: `search-${generated}`, subgraphs: ['users', 'catalog'] });
  try {
    const seedStarted = performance.now();
    await seedDemo(stack);
    if (generated > 0) {
      console.log(`search: ${label}: generating ${generated} books ...`);
      await generateBooks(stack.databaseUrl, generated);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const router = await stack.startRouter('router (no dedup)', { DEDUPLICATE_QUERIES: 'false' });
    const books = (await mustGraphql<Page>(stack.graphqlUrl, '{ books(first: 0) { totalCount } }')).books.totalCount;
    if (books !== 92 + generated) throw new Error(`expected ${92 + generated} books, found ${books}`);
    const results: CaseResult[] = [];
    for (const searchCase of CASES) {
      const totalCount = await check(stack.graphqlUrl, searchCase);
      const body = { query: PAGE, variables: { search: searchCase.search } };
      console.log(`search: ${label}: "${searchCase.search}" (${totalCount} matches): ${SERIAL_REQUESTS} one at a time, then ${seconds} s at ${CONNECTIONS} connections ...`);
      const serial = await serialLatency({ url: router.graphqlUrl, body, requests: SERIAL_REQUESTS, warmupRequests: SERIAL_WARMUP });
      const load = await runLoad({ url: router.graphqlUrl, body, connections: CONNECTIONS, durationSeconds: seconds, warmupSeconds: 2 });
      results.push({ searchCase, totalCount, serial, load });
    }
    return { label, books, seedSeconds, results, problems: summariseProblems(stack.problems()) };
  } finally {
    await stack.stop();
  }
}

const loadBefore = loadavg()[0]!;
try {
  const runs = [await measureCatalogue('demo catalogue', 0), await measureCatalogue(`demo + ${GENERATED_BOOKS.toLocaleString('en')} generated`, GENERATED_BOOKS)];
  const rows = runs.flatMap((run) =>
    run.results.map((r) => [
      run.label,
      `${r.searchCase.kind}: "${r.searchCase.search}"`,
      r.totalCount,
      round(r.serial.p50, 1),
      round(r.serial.p99, 1),
      round(r.load.rps, 1),
      r.load.p50,
      r.load.p99,
      r.load.errors,
    ]),
  );
  const problems = runs.flatMap((run) => run.problems.map((p) => `${run.label}: ${p}`));
  const generatedRun = runs[1]!;
  const markdown = [
    ...sectionHead('Search: a shopper\'s search through the router (services mode)'),
    `users, catalog and the router as separate processes (NODE_ENV=production, ROUTER_WORKERS=1) on PostgreSQL, each catalogue in a database of its own: the 92 demo books, then the demo plus ${GENERATED_BOOKS.toLocaleString('en')} generated books ` +
      `(written in ${round(generatedRun.seedSeconds, 1)} s by INSERT ... SELECT generate_series, indexes kept by PostgreSQL). ` +
      'Query: `books(filter: { search }, first: 20)` with totalCount, title, price and authors, as the storefront asks it. ' +
      `"One at a time": ${SERIAL_REQUESTS} requests on one keep-alive connection after ${SERIAL_WARMUP} unmeasured. ` +
      `"Loaded": autocannon, ${CONNECTIONS} connections, 2 s warm-up, ${seconds} s measured, through a router with DEDUPLICATE_QUERIES=false so every request runs the search.`,
    '',
    markdownTable(['catalogue', 'search', 'matches', 'one at a time p50 ms', 'one at a time p99 ms', 'loaded RPS', 'loaded p50 ms', 'loaded p99 ms', 'errors'], rows),
    '',
    problemsParagraph(problems),
    '',
    `The load generator shares the cores with the processes and PostgreSQL; the machine's 1-minute load average was ${round(loadBefore, 1)} at the start and ${round(loadavg()[0]!, 1)} at the end (other work on the host inflates every number).`,
  ].join('\n');
  await publishSection('search', markdown);
} finally {
  closeClients();
}
