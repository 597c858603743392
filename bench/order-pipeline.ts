// npm run bench order-pipeline: the order saga's throughput in services mode. users, catalog,
// orders, payments and the router run as real processes on PostgreSQL and Redis/bullmq. Many
// customers place orders at once (a closed loop: each of IN_FLIGHT slots places its next order
// when its last one reached AWAITING_PAYMENT); completion is the AWAITING_PAYMENT event on the
// orders subgraph's Redis pub/sub channel (the feed of the router's subscriptions). In the same
// run, the fair baseline: the same order as one PostgreSQL transaction on the same database, at
// the same number in flight; the saga's throughput is reported as a fraction of it. The SQL
// statements per order are counted on a second, shorter stack whose subgraphs reach PostgreSQL
// through a counting proxy, so the measured run pays for no proxy. Not part of the test suite.
//
// Environment: BENCH_SECONDS (default 30), BENCH_IN_FLIGHT (32), BENCH_CPU_PROF=<dir> to profile every
// process, BENCH_NODE_ARGS for more Node flags (below).
import { loadavg } from 'node:os';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { markdownTable, problemsParagraph, publishSection, round, sectionHead } from './lib/report.js';
import {
  ADDRESS,
  OrderStatusFeed,
  benchSeconds,
  loginAdmin,
  onStack,
  orderLines,
  percentile,
  prng,
  registerCustomers,
  runOrderLoad,
  seedCatalogue,
  startCpuMeter,
  statementKind,
  statementsBetween,
  summariseProblems,
  type BenchStack,
  type Customer,
  type StatementCounts,
} from './lib/stack.js';

/** Orders in flight (saga and baseline); BENCH_IN_FLIGHT overrides, e.g. 1 to see the saga's latency alone. */
const IN_FLIGHT = Number(process.env['BENCH_IN_FLIGHT'] ?? 32);
const CUSTOMERS = 24;
const BOOKS = 20;

const seconds = benchSeconds();
const warmupSeconds = Math.min(5, Math.max(2, Math.round(seconds / 3)));

/** Connections of the one-transaction baseline: a subgraph's pool size (packages/subgraph-runtime db.ts). */
const BASELINE_POOL = 10;

interface BaselineResult {
  orders: number;
  ordersPerSecond: number;
  latencies: number[];
  /** Orders refused for want of stock (rolled back), not counted in `orders`. */
  refused: number;
}

class OutOfStock extends Error {}

/**
 * The fair baseline (issue 15): the same order as ONE PostgreSQL transaction on the same database,
 * connected to it as the saga's subgraphs are, at the same number in flight: reserve each line with a
 * conditional UPDATE of the catalog's stock (lines in book id order, as the catalog takes them,
 * so two orders never deadlock), then insert the order at AWAITING_PAYMENT with its total, and
 * its lines at the reserved prices. What the saga adds on top (events, inboxes, relays, queues,
 * two more subgraphs' transactions) is what its fraction of this throughput costs.
 */
async function oneTransactionOrders(databaseUrl: string, customers: readonly Customer[], bookIds: readonly string[]): Promise<BaselineResult> {
  const db = postgres(databaseUrl, { max: BASELINE_POOL, onnotice: () => {}, connection: { application_name: 'bench-baseline' } });
  const random = prng(11);
  const place = (customerId: string) => {
    const lines = orderLines(random, bookIds).sort((a, b) => a.bookId.localeCompare(b.bookId));
    return db.begin(async (tx) => {
      const priced = [];
      for (const line of lines) {
        const [book] = await tx<{ priceCents: string; currency: string }[]>`
          update catalog.books set stock = stock - ${line.quantity} where id = ${line.bookId} and stock >= ${line.quantity}
          returning price_cents as "priceCents", currency`;
        if (!book) throw new OutOfStock(); // rolls back the lines taken before it
        priced.push({ ...line, unitPriceCents: Number(book.priceCents), currency: book.currency });
      }
      const total = priced.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
      const [order] = await tx<{ id: string }[]>`
        insert into orders.orders (customer_id, status, total_cents, currency, address_line1, address_city, address_postal_code, address_country)
        values (${customerId}, 'AWAITING_PAYMENT', ${total}, ${priced[0]!.currency}, ${ADDRESS.line1}, ${ADDRESS.city}, ${ADDRESS.postalCode}, ${ADDRESS.country})
        returning id`;
      const rows = priced.map((line, position) => ({ order_id: order!.id, book_id: line.bookId, position, quantity: line.quantity, unit_price_cents: line.unitPriceCents, currency: line.currency }));
      await tx`insert into orders.order_items ${tx(rows)}`;
    }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof OutOfStock) return false;
        throw error;
      },
    );
  };
  try {
    const run = async (durationSeconds: number): Promise<BaselineResult> => {
      const end = Date.now() + durationSeconds * 1000;
      const result: BaselineResult = { orders: 0, ordersPerSecond: 0, latencies: [], refused: 0 };
      const slot = async (index: number) => {
        const customer = customers[index % customers.length]!;
        while (Date.now() < end) {
          const sentAt = performance.now();
          const placed = await place(customer.id);
          if (Date.now() > end) break;
          if (!placed) result.refused++;
          else result.latencies.push(performance.now() - sentAt);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => slot(i)));
      result.latencies.sort((a, b) => a - b);
      result.orders = result.latencies.length;
      result.ordersPerSecond = result.orders / durationSeconds;
      return result;
    };
    await run(warmupSeconds);
    return await run(seconds);
  } finally {
    await db.end({ timeout: 5 });
  }
}

/** Each hop of PENDING -> AWAITING_PAYMENT, ms per order (sorted). */
interface SagaHops {
  placedQueued: number[];
  catalogPicked: number[];
  reservedQueued: number[];
  ordersPicked: number[];
  /** An orders worker took stock.reserved -> the order's row set to AWAITING_PAYMENT (before its history, events and COMMIT). */
  ordersHandled: number[];
}

/**
 * Times each hop of the measured orders from what the saga leaves behind: the order.placed and
 * stock.reserved outbox rows (their ids are the jobs' ids; order.placed's `occurred_at` is the
 * start of placeOrder's transaction, PENDING's time) and the two bullmq jobs, which keep when
 * they were added (`timestamp`) and when a worker took them (`processedOn`), and the order's
 * `updated_at`, when its row was set to AWAITING_PAYMENT (clock_timestamp(); nothing changes a
 * benchmark's order after that). One machine, so the processes' and PostgreSQL's clocks agree.
 */
async function sagaHops(stack: BenchStack, orderIds: string[]): Promise<SagaHops> {
  const db = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
  const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
  const queues = { catalog: new Queue('catalog', { connection: redis, prefix: stack.prefix }), orders: new Queue('orders', { connection: redis, prefix: stack.prefix }) };
  try {
    const rows = await db<{ placedId: string; placedAt: number; reservedId: string; awaitingAt: number }[]>`
      select placed.id as "placedId", extract(epoch from placed.occurred_at) * 1000 as "placedAt", reserved.id as "reservedId",
        extract(epoch from o.updated_at) * 1000 as "awaitingAt"
      from orders.outbox placed
      join catalog.outbox reserved on reserved.name = 'stock.reserved' and reserved.payload->>'orderId' = placed.payload->>'orderId'
      join orders.orders o on o.id = (placed.payload->>'orderId')::uuid and o.status = 'AWAITING_PAYMENT'
      where placed.name = 'order.placed' and placed.payload->>'orderId' = any(${orderIds})`;
    const hops: SagaHops = { placedQueued: [], catalogPicked: [], reservedQueued: [], ordersPicked: [], ordersHandled: [] };
    await Promise.all(
      rows.map(async (row) => {
        const [placed, reserved] = await Promise.all([Job.fromId(queues.catalog, row.placedId), Job.fromId(queues.orders, row.reservedId)]);
        if (!placed?.processedOn || !reserved?.processedOn) return; // removed or not taken: not measured
        hops.placedQueued.push(placed.timestamp - Number(row.placedAt));
        hops.catalogPicked.push(placed.processedOn - placed.timestamp);
        hops.reservedQueued.push(reserved.timestamp - placed.processedOn);
        hops.ordersPicked.push(reserved.processedOn - reserved.timestamp);
        hops.ordersHandled.push(Number(row.awaitingAt) - reserved.processedOn);
      }),
    );
    for (const list of Object.values(hops)) list.sort((a: number, b: number) => a - b);
    return hops;
  } finally {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    redis.disconnect();
    await db.end({ timeout: 1 });
  }
}

/**
 * BENCH_CPU_PROF=<dir>: a V8 CPU profile of every process of the measured run (named by pid; the
 * bundle's path in it says which). BENCH_NODE_ARGS: more Node flags for them, e.g.
 * `--perf-basic-prof` so `perf record -e cpu-clock -g -p <pid>` names JavaScript frames (V8's
 * profiles sample wall time, and charge a descheduled syscall to the function that made it).
 */
const cpuProfileDir = process.env['BENCH_CPU_PROF'];
const nodeArgs = [...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []), ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])];
const SUBGRAPHS = ['users', 'catalog', 'orders', 'payments'] as const;
/** Measured seconds of the counted phase: counts per order settle within seconds. */
const countedSeconds = Math.min(seconds, 10);

/** A fresh stack ready for orders: customers signed up, the catalogue seeded, the feed open, the saga warmed up. */
async function prepareOrders(stack: BenchStack, defer: (close: () => Promise<void>) => void, label: string) {
  const admin = await loginAdmin(stack);
  const customers = await registerCustomers(stack, CUSTOMERS);
  const { bookIds } = await seedCatalogue(stack, admin, { books: BOOKS });
  const feed = await OrderStatusFeed.open(stack);
  defer(() => feed.close());
  console.log(`order-pipeline (${label}): ${IN_FLIGHT} orders in flight from ${CUSTOMERS} customers, ${warmupSeconds} s warm-up ...`);
  const warm = await runOrderLoad(stack, feed, { customers, bookIds, inFlight: IN_FLIGHT, durationSeconds: warmupSeconds });
  // On a loaded machine the first orders can take longer than the warm-up: only failures mean the saga is broken.
  if (warm.completed === 0 && warm.errors > 0) throw new Error(`no order reached AWAITING_PAYMENT during the warm-up: ${warm.errorSamples.join('; ')}`);
  return { customers, bookIds, feed };
}

// The measured run: the subgraphs connect to PostgreSQL directly, as in production. The counting
// proxy (one more loopback hop per round trip, its CPU in this process) measured itself along
// with the saga; the statements are counted in a phase of their own below.
console.log('order-pipeline: starting users, catalog, orders, payments and the router (services mode) ...');
const measured = await onStack({ label: 'order-pipeline', subgraphs: SUBGRAPHS, nodeArgs }, async (stack, defer) => {
  const { customers, bookIds, feed } = await prepareOrders(stack, defer, 'measured');
  console.log(`order-pipeline: ${seconds} s measured ...`);
  const loadBefore = loadavg()[0]!;
  const meter = await startCpuMeter(stack);
  const pipeline = await runOrderLoad(stack, feed, { customers, bookIds, inFlight: IN_FLIGHT, durationSeconds: seconds });
  const cpu = await meter.stop();
  const loadAfter = loadavg()[0]!;
  const hops = await sagaHops(stack, pipeline.orderIds);
  console.log(`order-pipeline: the same orders as one transaction each, ${IN_FLIGHT} in flight: ${warmupSeconds} s warm-up, ${seconds} s measured ...`);
  const baseline = await oneTransactionOrders(stack.databaseUrl, customers, bookIds);
  return { pipeline, cpu, hops, baseline, loadBefore, loadAfter, problems: summariseProblems(stack.problems()) };
});

// The counted run: a stack of its own whose subgraphs reach PostgreSQL through the counting proxy.
console.log('order-pipeline: a second stack, its SQL counted on the wire ...');
const counted = await onStack({ label: 'order-pipeline-counted', subgraphs: SUBGRAPHS, countSql: true }, async (stack, defer) => {
  const { customers, bookIds, feed } = await prepareOrders(stack, defer, 'counted');
  console.log(`order-pipeline: ${countedSeconds} s counted ...`);
  const sqlBefore = await stack.sql!.snapshotWithWrites();
  const pipeline = await runOrderLoad(stack, feed, { customers, bookIds, inFlight: IN_FLIGHT, durationSeconds: countedSeconds });
  const sqlAfter = await stack.sql!.snapshotWithWrites();
  const statements = statementsBetween(sqlBefore.counts, sqlAfter.counts);
  const writes = Object.fromEntries(Object.entries(sqlAfter.writes).map(([app, count]) => [app, count - (sqlBefore.writes[app] ?? 0)]));
  return { pipeline, statements, writes, problems: summariseProblems(stack.problems()) };
});

const { pipeline, cpu, hops, baseline, loadBefore, loadAfter } = measured;
// CPU and statements were measured until each run returned, after every order it placed was done.
const orders = Math.max(1, pipeline.placed);
const fraction = baseline.ordersPerSecond > 0 ? pipeline.ordersPerSecond / baseline.ordersPerSecond : 0;
const p50 = percentile(pipeline.latencies, 0.5);
const sqlRows = statementRows(counted.statements, counted.writes, Math.max(1, counted.pipeline.placed), countedSeconds);
const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
const cpuRows = Object.entries(cpu)
  .filter(([, ms]) => ms > 0)
  .sort((a, b) => b[1] - a[1])
  .map(([name, ms]) => [name, round(ms / orders, 2), `${round((100 * ms) / cpuTotal, 0)}%`]);
const lat = pipeline.latencies;
const errorSamples = [...pipeline.errorSamples, ...counted.pipeline.errorSamples];

const markdown = [
  ...sectionHead('Order pipeline: placeOrder to AWAITING_PAYMENT (services mode, bullmq)'),
  `Load average (1 min) when the saga's measured run began and ended: ${round(loadBefore, 1)} and ${round(loadAfter, 1)}; above the core count, ` +
    'other work on the machine takes CPU from every process here, and the saga, which is CPU-bound, slows accordingly.',
  '',
  `users, catalog, orders, payments and the router as separate processes (NODE_ENV=production) on PostgreSQL and Redis/bullmq. ` +
    `${CUSTOMERS} customers keep ${IN_FLIGHT} orders in flight (1-2 lines of ${BOOKS} books each); an order is done when its AWAITING_PAYMENT ` +
    `event arrives on the orders subgraph's Redis pub/sub channel. One transaction: the same orders (same lines, same customers) ` +
    `as one PostgreSQL transaction each on the same database, connected directly as the subgraphs are (reserve each line with a conditional UPDATE of the ` +
    `catalog's stock, insert the order at AWAITING_PAYMENT and its lines), ${IN_FLIGHT} in flight on ${BASELINE_POOL} connections ` +
    `(a subgraph's pool). ${warmupSeconds} s warm-up, ${seconds} s measured each. The SQL statements are counted on a second stack ` +
    `(below), whose subgraphs reach PostgreSQL through a counting proxy.`,
  '',
  markdownTable(
    ['measure', 'per second', 'p50 ms', 'p99 ms', 'completed', 'errors'],
    [
      ['saga: placeOrder -> AWAITING_PAYMENT (orders/s)', round(pipeline.ordersPerSecond, 1), percentile(lat, 0.5), percentile(lat, 0.99), pipeline.completed, pipeline.errors],
      ['one transaction: the same order (orders/s)', round(baseline.ordersPerSecond, 1), percentile(baseline.latencies, 0.5), percentile(baseline.latencies, 0.99), baseline.orders, baseline.refused],
      [
        `saga through the counting proxy (the counted run, ${countedSeconds} s)`,
        round(counted.pipeline.ordersPerSecond, 1),
        percentile(counted.pipeline.latencies, 0.5),
        percentile(counted.pipeline.latencies, 0.99),
        counted.pipeline.completed,
        counted.pipeline.errors,
      ],
    ],
  ),
  '',
  `Saga / one transaction: **${round(fraction * 100, 0)}%** of its orders/s. Saga p50 ${p50} ms (target at most 100 ms: ${p50 <= 100 ? 'met' : 'not met'}).`,
  '',
  'Where an order\'s time goes (ms; "committed" is the time the status change carries):',
  '',
  markdownTable(
    ['part', 'p50', 'p99'],
    [
      ['placeOrder round trip (router -> orders, PENDING committed)', percentile(pipeline.placeLatencies, 0.5), percentile(pipeline.placeLatencies, 0.99)],
      ['PENDING committed -> PENDING received on pub/sub (orders relay)', percentile(pipeline.pendingPublishLags, 0.5), percentile(pipeline.pendingPublishLags, 0.99)],
      [
        'PENDING committed -> AWAITING_PAYMENT committed (order.placed relayed, catalog reserves, stock.reserved relayed, orders handles it)',
        percentile(pipeline.reservationTimes, 0.5),
        percentile(pipeline.reservationTimes, 0.99),
      ],
      ['- PENDING committed -> order.placed on the catalog queue (placeOrder commits, its events are published)', percentile(hops.placedQueued, 0.5), percentile(hops.placedQueued, 0.99)],
      ['- order.placed queued -> a catalog worker takes it (bullmq delivery, a free slot)', percentile(hops.catalogPicked, 0.5), percentile(hops.catalogPicked, 0.99)],
      ['- catalog takes it -> stock.reserved on the orders queue (inbox, reserve, commit, publish)', percentile(hops.reservedQueued, 0.5), percentile(hops.reservedQueued, 0.99)],
      ['- stock.reserved queued -> an orders worker takes it (bullmq delivery, a free slot)', percentile(hops.ordersPicked, 0.5), percentile(hops.ordersPicked, 0.99)],
      ['- orders worker takes it -> the order set to AWAITING_PAYMENT (inbox, lock and lines, status and prices; a slot held until its history, events and COMMIT)', percentile(hops.ordersHandled, 0.5), percentile(hops.ordersHandled, 0.99)],
      ['AWAITING_PAYMENT committed -> received on pub/sub (orders relay)', percentile(pipeline.publishLags, 0.5), percentile(pipeline.publishLags, 0.99)],
      ['placeOrder sent -> AWAITING_PAYMENT received (total)', percentile(lat, 0.5), percentile(lat, 0.99)],
    ],
  ),
  '',
  'CPU time per order placed in the measured run (until every one had reached AWAITING_PAYMENT; "bench process" is the load generator; "redis" the Redis server, where bullmq\'s scripts run):',
  '',
  markdownTable(['process', 'CPU ms / order', 'share'], cpuRows),
  '',
  `SQL statements per order placed in the counted run (${countedSeconds} s, on its own stack through the counting proxy), by subgraph (the whole saga, counted on the wire as in read-path, ` +
    'until every order placed had reached AWAITING_PAYMENT), the socket writes that sent them (a round trip each when its answer ' +
    'is awaited before the next), and how often each outbox relay ran (it polls every 250 ms):',
  '',
  markdownTable(['subgraph', 'request + handler', 'relay + inbox', 'BEGIN/COMMIT/SAVEPOINT', 'total', 'writes to PostgreSQL', 'relay passes / s'], sqlRows),
  '',
  errorSamples.length > 0 ? `Errors (first ${errorSamples.length}):\n\n${errorSamples.map((e) => `- ${e}`).join('\n')}\n` : '',
  problemsParagraph([...measured.problems, ...counted.problems]),
  '',
  'Everything shares 2 cores.',
].join('\n');
await publishSection('order-pipeline', markdown);

function statementRows(counts: StatementCounts, writes: Record<string, number>, orders: number, runSeconds: number): (string | number)[][] {
  return Object.entries(counts)
    .filter(([app]) => app.startsWith('bookstore-'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([app, statements]) => {
      const by = { request: 0, relay: 0, control: 0 };
      let relayRuns = 0;
      for (const [text, count] of Object.entries(statements)) {
        by[statementKind(text)] += count;
        // Each relay pass starts by trying the subgraph's advisory lock (SubgraphEvents.relayOnce).
        if (/pg_try_advisory_xact_lock/.test(text)) relayRuns += count;
      }
      return [
        app.replace(/^bookstore-/, ''),
        round(by.request / orders, 2),
        round(by.relay / orders, 2),
        round(by.control / orders, 2),
        round((by.request + by.relay + by.control) / orders, 2),
        round((writes[app] ?? 0) / orders, 2),
        round(relayRuns / runSeconds, 1),
      ];
    });
}
