// npm run bench order-pipeline: the order saga's throughput in services mode. users, catalog,
// orders, payments and the router run as real processes on PostgreSQL and Redis/bullmq. Many
// customers place orders at once (a closed loop: each of IN_FLIGHT slots places its next order
// when its last one reached AWAITING_PAYMENT); completion is the AWAITING_PAYMENT event on the
// orders subgraph's Redis pub/sub channel (the feed of the router's subscriptions). In the same
// run, raw bullmq on the same Redis: the same two hops (order.placed -> stock.reserved) as a
// chain of trivial jobs with the subgraphs' queue settings, at the same number in flight. The
// ratio shows how much of bullmq's ceiling the saga reaches. Not part of the test suite.
import { randomUUID } from 'node:crypto';
import { RETRY } from '@bookstore/subgraph-runtime';
import { Queue, Worker, type DefaultJobOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { machineLine, markdownTable, publishSection, round } from './lib/report.js';
import {
  OrderStatusFeed,
  benchSeconds,
  closeClients,
  loginAdmin,
  percentile,
  registerCustomers,
  runOrderLoad,
  seedCatalogue,
  startCpuMeter,
  startStack,
  statementKind,
  statementsBetween,
  summariseProblems,
  type StatementCounts,
} from './lib/stack.js';

/** Orders (and raw chains) in flight; BENCH_IN_FLIGHT overrides, e.g. 1 to see the saga's latency alone. */
const IN_FLIGHT = Number(process.env['BENCH_IN_FLIGHT'] ?? 32);
const CUSTOMERS = 24;
const BOOKS = 20;

const seconds = benchSeconds();
const warmupSeconds = Math.min(5, Math.max(2, Math.round(seconds / 3)));

interface RawResult {
  chains: number;
  chainsPerSecond: number;
  jobsPerSecond: number;
  latencies: number[];
}

/**
 * Two queues and two workers in this process, configured as packages/subgraph-runtime/src/events/
 * bullmq-queue.ts configures the subgraphs' (default job options, concurrency 4, 30 s locks and
 * stall checks, a duplicated connection per worker, job id = a fresh UUID). Job A's processor
 * adds job B, as the catalog turns order.placed into stock.reserved; B's processor ends the chain.
 */
async function rawBullmqChains(redisUrl: string, prefix: string): Promise<RawResult> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const defaultJobOptions: DefaultJobOptions = {
    attempts: RETRY.attempts,
    backoff: { type: 'exponential', delay: RETRY.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
  const placed = new Queue('raw-catalog', { connection, prefix, defaultJobOptions });
  const reserved = new Queue('raw-orders', { connection, prefix, defaultJobOptions });
  const workerOptions = () => ({
    connection: connection.duplicate({ maxRetriesPerRequest: null }),
    prefix,
    concurrency: 4,
    lockDuration: 30_000,
    stalledInterval: 30_000,
    maxStalledCount: 20,
  });
  const finished = new Map<string, () => void>();
  // An envelope of the size the saga's events have.
  const envelope = (name: string, chain: string) => ({
    id: randomUUID(),
    name,
    source: 'bench',
    occurredAt: new Date().toISOString(),
    payload: { orderId: chain, customerId: randomUUID(), items: [{ bookId: randomUUID(), quantity: 1, unitPriceCents: 1299, currency: 'GBP' }] },
  });
  const workers = [
    new Worker('raw-catalog', async (job) => {
      const data = job.data as { payload: { orderId: string } };
      await reserved.add('stock.reserved', envelope('stock.reserved', data.payload.orderId), { jobId: randomUUID() });
    }, workerOptions()),
    new Worker('raw-orders', async (job) => {
      const data = job.data as { payload: { orderId: string } };
      finished.get(data.payload.orderId)?.();
    }, workerOptions()),
  ];
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  try {
    const run = async (durationSeconds: number): Promise<RawResult> => {
      const end = Date.now() + durationSeconds * 1000;
      const latencies: number[] = [];
      const slot = async () => {
        while (Date.now() < end) {
          const chain = randomUUID();
          const done = new Promise<void>((resolve) => finished.set(chain, resolve));
          const sentAt = performance.now();
          await placed.add('order.placed', envelope('order.placed', chain), { jobId: randomUUID() });
          await done;
          finished.delete(chain);
          if (Date.now() <= end) latencies.push(performance.now() - sentAt);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, slot));
      latencies.sort((a, b) => a - b);
      return { chains: latencies.length, chainsPerSecond: latencies.length / durationSeconds, jobsPerSecond: (2 * latencies.length) / durationSeconds, latencies };
    };
    await run(warmupSeconds);
    return await run(seconds);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(workers.map((w) => w.disconnect()));
    await placed.close();
    await reserved.close();
    connection.disconnect();
  }
}

console.log('order-pipeline: starting users, catalog, orders, payments and the router (services mode) ...');
const stack = await startStack({ label: 'order-pipeline', subgraphs: ['users', 'catalog', 'orders', 'payments'], countSql: true });
let feed: OrderStatusFeed | undefined;
try {
  const admin = await loginAdmin(stack);
  const customers = await registerCustomers(stack, CUSTOMERS);
  const { bookIds } = await seedCatalogue(stack, admin, { books: BOOKS });
  feed = await OrderStatusFeed.open(stack);

  console.log(`order-pipeline: ${IN_FLIGHT} orders in flight from ${CUSTOMERS} customers: ${warmupSeconds} s warm-up, ${seconds} s measured ...`);
  const warm = await runOrderLoad(stack, feed, { customers, bookIds, inFlight: IN_FLIGHT, durationSeconds: warmupSeconds });
  if (warm.completed === 0) throw new Error(`no order reached AWAITING_PAYMENT during the warm-up: ${warm.errorSamples.join('; ')}`);
  const sqlBefore = await stack.sql!.snapshot();
  const meter = await startCpuMeter(stack);
  const pipeline = await runOrderLoad(stack, feed, { customers, bookIds, inFlight: IN_FLIGHT, durationSeconds: seconds });
  const cpu = await meter.stop();
  const sqlDuring = statementsBetween(sqlBefore, await stack.sql!.snapshot());

  console.log(`order-pipeline: raw bullmq two-hop chains, ${IN_FLIGHT} in flight: ${warmupSeconds} s warm-up, ${seconds} s measured ...`);
  const raw = await rawBullmqChains(stack.redisUrl, stack.prefix);

  const orders = Math.max(1, pipeline.completed);
  const ratioValue = raw.chainsPerSecond > 0 ? pipeline.ordersPerSecond / raw.chainsPerSecond : 0;
  const sqlRows = statementRows(sqlDuring, orders);
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  const cpuRows = Object.entries(cpu)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => [name, round(ms / orders, 2), `${round((100 * ms) / cpuTotal, 0)}%`]);
  const lat = pipeline.latencies;
  const problems = summariseProblems(stack.problems());

  const markdown = [
    '## Order pipeline: placeOrder to AWAITING_PAYMENT (services mode, bullmq)',
    '',
    machineLine(),
    '',
    `users, catalog, orders, payments and the router as separate processes (NODE_ENV=production) on PostgreSQL and Redis/bullmq. ` +
      `${CUSTOMERS} customers keep ${IN_FLIGHT} orders in flight (1-2 lines of ${BOOKS} books each); an order is done when its AWAITING_PAYMENT ` +
      `event arrives on the orders subgraph's Redis pub/sub channel. Raw bullmq: the same two hops as trivial jobs with the subgraphs' queue ` +
      `settings (concurrency 4 per worker, 30 s lock, 15 attempts with backoff), ${IN_FLIGHT} chains in flight, in this process on the same Redis. ` +
      `${warmupSeconds} s warm-up, ${seconds} s measured each.`,
    '',
    markdownTable(
      ['measure', 'per second', 'p50 ms', 'p99 ms', 'completed', 'errors'],
      [
        ['saga: placeOrder -> AWAITING_PAYMENT (orders/s)', round(pipeline.ordersPerSecond, 1), percentile(lat, 0.5), percentile(lat, 0.99), pipeline.completed, pipeline.errors],
        ['raw bullmq: two-hop chains/s', round(raw.chainsPerSecond, 1), percentile(raw.latencies, 0.5), percentile(raw.latencies, 0.99), raw.chains, 0],
        ['raw bullmq: jobs/s', round(raw.jobsPerSecond, 1), '', '', raw.chains * 2, 0],
      ],
    ),
    '',
    `Pipeline / raw: **${round(ratioValue * 100, 0)}%** of raw bullmq's chains/s (target at least 50%: ${ratioValue >= 0.5 ? 'met' : 'not met'}).`,
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
        ['AWAITING_PAYMENT committed -> received on pub/sub (orders relay)', percentile(pipeline.publishLags, 0.5), percentile(pipeline.publishLags, 0.99)],
        ['placeOrder sent -> AWAITING_PAYMENT received (total)', percentile(lat, 0.5), percentile(lat, 0.99)],
      ],
    ),
    '',
    'SQL statements per completed order during the measured run, by subgraph (the whole saga, counted on the wire as in read-path; ' +
      'orders placed but not yet AWAITING_PAYMENT at the end add to the counts), and how often each outbox relay ran (it polls every 250 ms and is woken after each commit):',
    '',
    markdownTable(['subgraph', 'request + handler', 'relay + inbox', 'BEGIN/COMMIT/SAVEPOINT', 'total', 'relay passes / s'], sqlRows),
    '',
    'CPU time per completed order during the measured run:',
    '',
    markdownTable(['process', 'CPU ms / order', 'share'], cpuRows),
    '',
    pipeline.errorSamples.length > 0 ? `Errors (first ${pipeline.errorSamples.length}):\n\n${pipeline.errorSamples.map((e) => `- ${e}`).join('\n')}\n` : '',
    problems.length > 0 ? `Warnings and errors the processes logged:\n\n${problems.map((p) => `- ${p}`).join('\n')}` : 'No process logged a warning or an error.',
    '',
    'Subgraphs reach PostgreSQL through the counting proxy (one more loopback hop per query); everything shares 2 cores.',
  ].join('\n');
  await publishSection('order-pipeline', markdown);
} finally {
  await feed?.close();
  closeClients();
  await stack.stop();
}

function statementRows(counts: StatementCounts, orders: number): (string | number)[][] {
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
        round(relayRuns / seconds, 1),
      ];
    });
}
