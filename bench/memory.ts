// npm run bench memory: resident memory of every process in services mode. The seven subgraphs
// and the router run as real processes (NODE_ENV=production, the esbuild bundles the images run;
// BENCH_RUNTIME=tsx for the sources through tsx) on PostgreSQL and Redis. RSS idle after start, peak under a mixed load (catalogue pages
// through the router plus customers placing orders) sampled every 250 ms, and again after the
// load has stopped (growth that stays is worth a look). Not part of the test suite.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { markdownTable, problemsParagraph, publishSection, round, sectionHead } from './lib/report.js';
import { samplePeakRss, treeRssMiB } from './lib/rss.js';
import {
  OrderStatusFeed,
  SUBGRAPHS,
  benchSeconds,
  loginAdmin,
  onStack,
  registerCustomers,
  runOrderLoad,
  seedCatalogue,
  sleep,
  summariseProblems,
  type ProcessName,
} from './lib/stack.js';

const PAGE = `query CataloguePage { books(first: 20) { totalCount edges { node {
  id title price { amount currency } authors { name } rating { average count }
  availability { totalCopies availableCopies available nextDueAt }
} } } }`;
const SUBGRAPH_TARGET_MIB = 150;
const ROUTER_TARGET_MIB_PER_WORKER = 256;
const ROUTER_WORKERS = 1;
const CONNECTIONS = 50;
const ORDERS_IN_FLIGHT = 8;

const seconds = benchSeconds();
const runtime = process.env['BENCH_RUNTIME'] === 'tsx' ? 'tsx' : 'bundle';
/**
 * V8 grows its heap lazily while there is no memory pressure (an uncapped catalog reached a 150 MiB
 * heap of mostly garbage in 30 s of load), and its young generation and malloc's arenas count in
 * RSS too, so each process runs with the process settings its image is deployed with: the
 * NODE_OPTIONS and MALLOC_ARENA_MAX lines of its Kubernetes config (deploy/k8s/base/config/<name>.env;
 * Compose gives the subgraphs the same). BENCH_NODE_OPTIONS replaces NODE_OPTIONS for every process.
 */
const PROCESS_SETTINGS = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'];

async function deployedSettings(name: ProcessName): Promise<Record<string, string>> {
  const text = await readFile(new URL(`../deploy/k8s/base/config/${name}.env`, import.meta.url), 'utf8');
  const settings: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) {
    if (PROCESS_SETTINGS.includes(key!)) settings[key!] = value!.trim();
  }
  const override = process.env['BENCH_NODE_OPTIONS'];
  if (override !== undefined) settings['NODE_OPTIONS'] = override;
  return settings;
}

const settings = Object.fromEntries(await Promise.all((['router', ...SUBGRAPHS] as ProcessName[]).map(async (name) => [name, await deployedSettings(name)] as const)));
const describeSettings = (values: Record<string, string>) =>
  PROCESS_SETTINGS.filter((key) => values[key] !== undefined)
    .map((key) => `${key}=${values[key]}`)
    .join(' ') || 'none';

/** RSS a process pays before any product code: plain Node (or Node with tsx's loader), doing nothing. */
async function floorMiB(): Promise<number> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const args = runtime === 'tsx' ? ['--import', 'tsx', '-e', 'setInterval(() => {}, 1000)'] : ['-e', 'setInterval(() => {}, 1000)'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' });
  try {
    await sleep(3_000);
    return await treeRssMiB(child.pid!);
  } finally {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/**
 * V8 heap in use (MiB) from the process's Prometheus `/metrics` (prom-client's default
 * nodejs_heap_size_used_bytes), to tell JavaScript objects from the rest of RSS (code, native
 * buffers); undefined where a process serves no such metric.
 */
async function heapUsedMiB(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return undefined;
    const text = await res.text();
    const values = [...text.matchAll(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([0-9.e+]+)$/gm)].map((m) => Number(m[1]));
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) / 2 ** 20 : undefined;
  } catch {
    return undefined;
  }
}

/** Median of a few samples, so one sample taken mid-GC does not decide. */
async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(await treeRssMiB(pid));
    await sleep(500);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

console.log('memory: starting 7 subgraphs and the router (services mode) ...');
// Without query deduplication every page reaches catalog, reviews and loans: the heavier case for them.
await onStack({ label: 'memory', subgraphs: SUBGRAPHS, env: { DEDUPLICATE_QUERIES: 'false' }, processEnv: settings }, async (stack, defer) => {
  await sleep(5_000);
  const idle = await Promise.all(stack.processes.map((p) => settledRss(p.pid)));
  const idleHeap = await Promise.all(stack.processes.map((p) => heapUsedMiB(p.metricsUrl)));

  console.log('memory: seeding 200 books through the router ...');
  const admin = await loginAdmin(stack);
  const customers = await registerCustomers(stack, 8);
  const { bookIds } = await seedCatalogue(stack, admin, { books: 200, customers, lending: true });
  const feed = await OrderStatusFeed.open(stack);
  defer(() => feed.close());

  console.log(`memory: mixed load for ${seconds} s (catalogue pages, ${CONNECTIONS} connections, and ${ORDERS_IN_FLIGHT} orders in flight) ...`);
  const samplers = stack.processes.map((p) => samplePeakRss(p.pid));
  const [pages, orders] = await Promise.all([
    runLoad({ url: stack.graphqlUrl, body: { query: PAGE }, connections: CONNECTIONS, durationSeconds: seconds, warmupSeconds: 0 }),
    runOrderLoad(stack, feed, { customers, bookIds, inFlight: ORDERS_IN_FLIGHT, durationSeconds: seconds }),
  ]);
  const peak = await Promise.all(samplers.map((s) => s.stop()));
  await sleep(5_000);
  const after = await Promise.all(stack.processes.map((p) => settledRss(p.pid)));
  const afterHeap = await Promise.all(stack.processes.map((p) => heapUsedMiB(p.metricsUrl)));
  const floor = await floorMiB();

  const rows = stack.processes.map((p, i) => {
    const target = p.name === 'router' ? ROUTER_TARGET_MIB_PER_WORKER * ROUTER_WORKERS : SUBGRAPH_TARGET_MIB;
    const heap = (value: number | undefined) => (value === undefined ? 'n/a' : String(round(value)));
    return [p.name, round(idle[i]!), round(peak[i]!), round(after[i]!), target, peak[i]! <= target ? 'yes' : 'no', heap(idleHeap[i]), heap(afterHeap[i])];
  });
  const markdown = [
    ...sectionHead('Memory: RSS per process (services mode)'),
    `Seven subgraphs and the router as separate processes (NODE_ENV=production, ROUTER_WORKERS=1, DEDUPLICATE_QUERIES=false so every page reaches the subgraphs; each process with the settings of its Kubernetes config, subgraphs \`${describeSettings(settings['catalog']!)}\`, router \`${describeSettings(settings['router']!)}\`; each ${runtime === 'tsx' ? '`node --import tsx` on the sources' : 'the esbuild bundle on plain node, as the images run it'}). ` +
      `Idle: 5 s after every process was ready, before any data. Peak: sampled every 250 ms during ${seconds} s of mixed load on 200 seeded books ` +
      `(catalogue pages through the router, ${CONNECTIONS} connections: ${round(pages.rps, 1)} pages/s, ${pages.errors} errors; ` +
      `${ORDERS_IN_FLIGHT} orders in flight: ${round(orders.ordersPerSecond, 1)} orders/s to AWAITING_PAYMENT, ${orders.errors} errors). After: 5 s after the load stopped.`,
    '',
    markdownTable(['process', 'idle MiB', 'peak MiB', 'after load MiB', 'target MiB', 'met?', 'V8 heap used idle MiB', 'V8 heap used after MiB'], rows),
    '',
    'Peak is the highest RSS sampled during the load; it can be below idle when a collection during the load returned start-up garbage to the system. ' +
      `For scale: an empty ${runtime === 'tsx' ? '`node --import tsx`' : '`node`'} process is ${round(floor)} MiB on this machine.`,
    '',
    problemsParagraph(summariseProblems(stack.problems())),
  ].join('\n');
  await publishSection('memory', markdown);
});
