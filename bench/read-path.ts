// npm run bench read-path: the read path in services mode. All seven subgraphs and the router
// run as real processes (NODE_ENV=production, ROUTER_WORKERS=1) on real PostgreSQL and Redis,
// seeded through the public API with 200 books, their authors, reviews, lending copies and a few
// loans. autocannon requests one catalogue page (20 books with fields of catalog, reviews and
// loans) through the router, twice: through the router as configured by default, where identical
// queries in flight share one execution (DEDUPLICATE_QUERIES), and through a second router with
// that off, where every request does the whole federated fetch. We report throughput, latency,
// errors, the SQL statements each subgraph runs per page (see SqlCounter in lib/stack.ts for how
// they are counted) and the CPU each process spends per page. Not part of the test suite.
import { runLoad, type LoadResult } from './lib/load.js';
import { markdownTable, problemsParagraph, publishSection, round, sectionHead } from './lib/report.js';
import {
  SUBGRAPHS,
  benchSeconds,
  inParallel,
  loginAdmin,
  onStack,
  mustGraphql,
  registerCustomers,
  seedCatalogue,
  startCpuMeter,
  statementKind,
  statementsBetween,
  statementsPerSubgraph,
  summariseProblems,
  type BenchStack,
  type StatementCounts,
} from './lib/stack.js';

const PAGE = `query CataloguePage {
  books(first: 20) {
    totalCount
    edges { node {
      id title
      price { amount currency }
      authors { name }
      rating { average count }
      availability { totalCopies availableCopies available nextDueAt }
    } }
  }
}`;
const CONNECTIONS = 50;
const EXACT_SAMPLES = 10;
const BURST = 200;

const seconds = benchSeconds();
const warmupSeconds = Math.min(5, Math.max(2, Math.round(seconds / 3)));

/** The router's count of queries answered by joining an identical one in flight (its /metrics), if it reports one. */
async function sharedQueries(metricsUrl: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${metricsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    const values = [...text.matchAll(/^router_inflight_shared_total(?:\{[^}]*\})? ([0-9.e+]+)$/gm)].map((m) => Number(m[1]));
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  } catch {
    return undefined;
  }
}

interface Run {
  label: string;
  load: LoadResult;
  shared: number | undefined;
  /** CPU ms per answered request, by process (the router measured is "router"). */
  cpuPerRequest: Record<string, number>;
  /** Request statements per page, by subgraph, for BURST pages CONNECTIONS at a time. */
  burst: Record<string, number>;
  relayPerSecond: Record<string, number>;
}

async function measure(stack: BenchStack, label: string, router: { metricsUrl: string; graphqlUrl: string; name: string }): Promise<Run> {
  const sql = stack.sql!;
  // BURST pages CONNECTIONS at a time, counted once all have answered, so no statement of an
  // unanswered request is included (autocannon leaves requests in flight when it stops).
  const burstBefore = await sql.snapshot();
  await inParallel(Array.from({ length: BURST }), CONNECTIONS, () => mustGraphql(router.graphqlUrl, PAGE));
  const burstCounts = statementsPerSubgraph(statementsBetween(burstBefore, await sql.snapshot()));

  console.log(`read-path: ${label}: ${warmupSeconds} s warm-up, ${seconds} s measured, ${CONNECTIONS} connections ...`);
  await runLoad({ url: router.graphqlUrl, body: { query: PAGE }, connections: CONNECTIONS, durationSeconds: warmupSeconds, warmupSeconds: 0 });
  const before = await sql.snapshot();
  const sharedBefore = await sharedQueries(router.metricsUrl);
  const meter = await startCpuMeter(stack);
  const load = await runLoad({ url: router.graphqlUrl, body: { query: PAGE }, connections: CONNECTIONS, durationSeconds: seconds, warmupSeconds: 0 });
  const cpu = await meter.stop();
  const sharedAfter = await sharedQueries(router.metricsUrl);
  const relay = statementsPerSubgraph(statementsBetween(before, await sql.snapshot()), 'relay');

  const cpuPerRequest: Record<string, number> = {};
  for (const [name, ms] of Object.entries(cpu)) {
    if (name.startsWith('router') && name !== router.name) continue; // the other router idles
    cpuPerRequest[name === router.name ? 'router' : name] = load.requests > 0 ? ms / load.requests : 0;
  }
  return {
    label,
    load,
    shared: sharedBefore === undefined || sharedAfter === undefined ? undefined : sharedAfter - sharedBefore,
    cpuPerRequest,
    burst: Object.fromEntries(SUBGRAPHS.map((name) => [name, (burstCounts[name] ?? 0) / BURST])),
    relayPerSecond: Object.fromEntries(SUBGRAPHS.map((name) => [name, (relay[name] ?? 0) / seconds])),
  };
}

console.log(`read-path: starting 7 subgraphs and the router (services mode) ...`);
await onStack({ label: 'read-path', subgraphs: SUBGRAPHS, countSql: true }, async (stack) => {
  const sql = stack.sql!;
  const noDedup = await stack.startRouter('router (no dedup)', { DEDUPLICATE_QUERIES: 'false' });
  const admin = await loginAdmin(stack);
  const customers = await registerCustomers(stack, 8);
  console.log('read-path: seeding 200 books through the router ...');
  const seeded = await seedCatalogue(stack, admin, { books: 200, customers, lending: true });

  type Page = { books: { totalCount: number; edges: { node: { rating: { count: number }; availability: { totalCopies: number } } }[] } };
  const page = await mustGraphql<Page>(stack.graphqlUrl, PAGE);
  const nodes = page.books.edges.map((e) => e.node);
  if (nodes.length !== 20 || page.books.totalCount !== 200) throw new Error(`expected a page of 20 of 200 books, got ${nodes.length} of ${page.books.totalCount}`);
  console.log(`read-path: page check: ${nodes.filter((n) => n.rating.count > 0).length}/20 books reviewed, ${nodes.filter((n) => n.availability.totalCopies > 0).length}/20 lendable`);

  // Exact: one page at a time, the statements each subgraph ran between request and response.
  const perRequest: Record<string, number[]> = {};
  let onePage: StatementCounts = {};
  for (let i = 0; i < EXACT_SAMPLES; i++) {
    const before = await sql.snapshot();
    await mustGraphql(stack.graphqlUrl, PAGE);
    const diff = statementsBetween(before, await sql.snapshot());
    const counts = statementsPerSubgraph(diff);
    for (const name of SUBGRAPHS) (perRequest[name] ??= []).push(counts[name] ?? 0);
    if (i === EXACT_SAMPLES - 1) onePage = diff;
  }

  const mainRouter = stack.processes.find((p) => p.name === 'router')!;
  const runs = [
    await measure(stack, 'deduplication on (default)', { metricsUrl: mainRouter.metricsUrl, graphqlUrl: stack.graphqlUrl, name: 'router' }),
    await measure(stack, 'deduplication off', noDedup),
  ];
  const [on, off] = runs as [Run, Run];

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const sqlRows = SUBGRAPHS.map((name) => {
    const exact = perRequest[name] ?? [];
    const low = Math.min(...exact);
    const high = Math.max(...exact);
    return [name, low === high ? String(low) : `${median(exact)} (${low}-${high})`, round(on.burst[name]!, 2), round(off.burst[name]!, 2), round(off.relayPerSecond[name]!, 1)];
  });
  const statementList = Object.entries(onePage)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([app, statements]) =>
      Object.entries(statements)
        .filter(([text]) => statementKind(text) === 'request')
        .map(([text, count]) => `- ${app.replace(/^bookstore-/, '')} x${count}: \`${text.replace(/\s+/g, ' ').slice(0, 160)}${text.length > 160 ? '...' : ''}\``),
    );
  const cpuNames = [...new Set([...Object.keys(on.cpuPerRequest), ...Object.keys(off.cpuPerRequest)])]
    .filter((name) => (on.cpuPerRequest[name] ?? 0) + (off.cpuPerRequest[name] ?? 0) > 0.005)
    .sort((a, b) => (off.cpuPerRequest[b] ?? 0) - (off.cpuPerRequest[a] ?? 0));
  const cpuTotal = (run: Run) => Object.values(run.cpuPerRequest).reduce((a, b) => a + b, 0);
  const cpuRows = [
    ...cpuNames.map((name) => [name, round(on.cpuPerRequest[name] ?? 0, 2), round(off.cpuPerRequest[name] ?? 0, 2)]),
    ['**all**', round(cpuTotal(on), 2), round(cpuTotal(off), 2)],
  ];

  const markdown = [
    ...sectionHead('Read path: a catalogue page through the router (services mode)'),
    `Seven subgraphs and the router as separate processes (NODE_ENV=production, ROUTER_WORKERS=1) on PostgreSQL and Redis; ` +
      `seeded through the API with ${seeded.bookIds.length} books by ${seeded.authors} authors, ${seeded.reviews} reviews, lending copies for every book and ${seeded.loans} loans. ` +
      `Query: \`books(first: 20)\` with title, price, authors { name }, rating { average count } and availability (catalog, reviews, loans), ` +
      `the same page from every connection. autocannon, ${CONNECTIONS} connections, ${warmupSeconds} s warm-up, ${seconds} s measured, ` +
      'once through the router as configured by default (identical queries in flight share one execution) and once through a second router with DEDUPLICATE_QUERIES=false (every request runs the federated fetch).',
    '',
    markdownTable(
      ['router', 'RPS', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'requests', 'shared in flight', 'KiB/response'],
      runs.map((r) => [
        r.label,
        round(r.load.rps, 1),
        r.load.p50,
        r.load.p90,
        r.load.p99,
        r.load.errors,
        r.load.requests,
        r.shared === undefined ? 'n/a' : `${r.shared} (${round((100 * r.shared) / Math.max(1, r.load.requests), 0)}%)`,
        round(r.load.bytesPerResponse / 1024, 1),
      ]),
    ),
    '',
    `SQL statements per page request, per subgraph: from ${EXACT_SAMPLES} single requests one at a time (median, and range if they differ), and from ${BURST} requests ${CONNECTIONS} at a time (mean) through each router. ` +
      'Counted on the PostgreSQL wire protocol (every Execute or Query message a subgraph sent), without the outbox relays\' background ' +
      'statements (last column, during the run without deduplication) and transaction control (BEGIN/COMMIT/SAVEPOINT).',
    '',
    markdownTable(['subgraph', 'one at a time', `${CONNECTIONS} at a time, dedup on`, `${CONNECTIONS} at a time, dedup off`, 'relay statements / s (background)'], sqlRows),
    '',
    'CPU ms per answered page during the measured runs (PostgreSQL\'s backends by the subgraph they serve; "bench process" is autocannon plus the SQL-counting proxy; "redis" the Redis server):',
    '',
    markdownTable(['process', 'dedup on', 'dedup off'], cpuRows),
    '',
    '<details><summary>The statements of one page</summary>',
    '',
    ...statementList,
    '',
    '</details>',
    '',
    problemsParagraph(summariseProblems(stack.problems())),
    '',
    'The subgraphs reach PostgreSQL through the counting proxy (one more loopback hop per query); the load generator shares the 2 cores with the processes, PostgreSQL and Redis.',
  ].join('\n');
  await publishSection('read-path', markdown);
});
