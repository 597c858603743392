// npm run bench router-overhead: what our router adds to a query that one subgraph answers alone.
// The products subgraph of the federation benchmark (bench/federation/) answers
// `{ topProducts { upc name price } }`, first called directly, then through our router (production
// mode, one worker process) with its default settings, then with DEDUPLICATE_QUERIES=false: every
// client sends the same query, so with deduplication on most requests share another's execution
// and the per-request cost of the router shows only in the second run. The third run also sets
// FAST_PATH=false (every request through Apollo Server and the gateway's executor): the router
// without its fast path, measured beside it. Reports the runs, the latency and throughput the
// router costs, and its memory idle and under load. Writes its section of bench/RESULTS.md.
//
// Environment: BENCH_SECONDS (default 30), BENCH_CPU_PROF=<dir> to profile the router.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { installCleanup } from './federation/children.js';
import { PRODUCTS } from './federation/data.js';
import { ROUTER_LIMITS, startOurRouter, startSubgraphs, type RunningGateway } from './federation/gateways.js';
import { checkResponse, measure, type Measurement } from './federation/measure.js';
import { settings } from './federation/settings.js';
import { writeSupergraph } from './federation/supergraph.js';
import { serialLatency, type SerialLatency } from './lib/load.js';
import { samplePeakRss, treeRssMiB } from './lib/rss.js';
import { machineLine, markdownTable, publishSection, ratio, round } from './lib/report.js';

const QUERY = '{ topProducts { upc name price } }';
const EXPECTED = { data: { topProducts: PRODUCTS.slice(0, 5).map(({ upc, name, price }) => ({ upc, name, price })) } };
/** Unloaded seconds over which the router's idle memory is sampled. */
const IDLE_SECONDS = 3;

interface RouterRun {
  label: string;
  env: Record<string, string>;
  measurement?: Measurement;
  idleRssMiB?: number;
  serial?: SerialLatency;
}

installCleanup();
const subgraphs = await startSubgraphs(['products'], 1);
const supergraph = await writeSupergraph(subgraphs.urls);
const subgraph = subgraphs.children[0]!;
const body = { query: QUERY };
const runs: RouterRun[] = [
  { label: 'client -> router -> subgraph (defaults)', env: {} },
  { label: 'client -> router -> subgraph (query dedupe off)', env: { DEDUPLICATE_QUERIES: 'false' } },
  { label: 'client -> router -> subgraph (query dedupe and fast path off)', env: { DEDUPLICATE_QUERIES: 'false', FAST_PATH: 'false' } },
];
let direct: Measurement;
let directSerial: SerialLatency;
try {
  const subgraphUrl = subgraphs.urls.products!;
  await checkResponse(subgraphUrl, body, EXPECTED);
  console.log(`direct to the subgraph: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured`);
  directSerial = await serialLatency({ url: subgraphUrl, body });
  direct = await measure({
    targetPid: subgraph.pid,
    load: { url: subgraphUrl, body, connections: settings.connections },
    warmupSeconds: settings.warmupSeconds,
    seconds: settings.seconds,
  });
  for (const [i, run] of runs.entries()) {
    let router: RunningGateway | undefined;
    try {
      router = await startOurRouter({
        supergraphPath: supergraph.path,
        workers: 1,
        env: run.env,
        nodeFlags: settings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.cpuProfileDir, `router-${i}`)}`] : undefined,
      });
      await checkResponse(router.url, body, EXPECTED);
      const idle = samplePeakRss(router.child.pid);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      run.idleRssMiB = Math.max(await idle.stop(), await treeRssMiB(router.child.pid));
      run.serial = await serialLatency({ url: router.url, body });
      console.log(`${run.label}: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured`);
      run.measurement = await measure({
        targetPid: router.child.pid,
        otherGroups: { subgraph: [subgraph.pid] },
        load: { url: router.url, body, connections: settings.connections },
        warmupSeconds: settings.warmupSeconds,
        seconds: settings.seconds,
      });
    } finally {
      await router?.child.stop();
    }
  }
} finally {
  await subgraphs.stop();
  await supergraph.remove();
}

const measured = runs.filter((run): run is Required<RouterRun> => run.measurement !== undefined);
const table = markdownTable(
  ['path', 'RPS', 'p50 ms', 'p99 ms', 'errors', 'router RSS MiB idle / peak', 'requests per CPU-s of the measured process', 'CPU % router', 'CPU % subgraph', 'CPU % autocannon', 'CPU % rest of machine'],
  [
    ['client -> subgraph', round(direct.load.rps), direct.load.p50, direct.load.p99, direct.load.errors, '-', round(direct.requestsPerCpuSecond), '-', direct.cpu.target, direct.cpu.loadGenerator, direct.cpu.restOfMachine],
    ...measured.map(({ label, measurement: m, idleRssMiB }) => [
      label,
      round(m.load.rps),
      m.load.p50,
      m.load.p99,
      m.load.errors,
      `${round(idleRssMiB)} / ${round(m.peakRssMiB)}`,
      round(m.requestsPerCpuSecond),
      m.cpu.target,
      m.cpu.others['subgraph'] ?? 0,
      m.cpu.loadGenerator,
      m.cpu.restOfMachine,
    ]),
  ],
);
const added = (m: Measurement, key: 'p50' | 'p99') => round(m.load[key] - direct.load[key], 2);
const serialTable = markdownTable(
  ['path (one request at a time, one connection)', 'p50 ms', 'p99 ms', 'mean ms', 'added p50 ms', 'added p99 ms'],
  [
    ['client -> subgraph', round(directSerial!.p50, 3), round(directSerial!.p99, 3), round(directSerial!.mean, 3), '-', '-'],
    ...measured
      .filter((run) => run.serial)
      .map(({ label, serial }) => [label, round(serial!.p50, 3), round(serial!.p99, 3), round(serial!.mean, 3), round(serial!.p50 - directSerial!.p50, 3), round(serial!.p99 - directSerial!.p99, 3)]),
  ],
);
const section = [
  '## Router overhead (one subgraph)',
  '',
  machineLine(),
  '',
  `Query \`${QUERY}\` (products subgraph of the federation benchmark, one Node process), the same from every client. ` +
    `${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured per path. ` +
    `Our router: NODE_ENV=production, ROUTER_WORKERS=1, ${Object.entries(ROUTER_LIMITS).map(([k, v]) => `${k}=${v}`).join(', ')}; ` +
    `idle RSS sampled for ${IDLE_SECONDS} s after one request, peak RSS during warm-up and load.`,
  '',
  'Unloaded: what the router adds to one request (2,000 sequential requests after 500 of warm-up, timed with microsecond resolution). This is the "added latency at p50" of the target.',
  '',
  serialTable,
  '',
  `Under load: ${settings.connections} connections (latency here is mostly queueing once a process is saturated; compare throughput and CPU per request).`,
  '',
  table,
  '',
  ...measured.map(
    ({ label, measurement: m }) =>
      `- ${label.replace('client -> router -> subgraph ', 'router ')}: adds p50 ${added(m, 'p50')} ms, p99 ${added(m, 'p99')} ms; throughput ${ratio(m.load.rps, direct.load.rps)} of direct; ` +
      `${round(1000 / m.requestsPerCpuSecond, 2)} ms of router CPU per request`,
  ),
  '',
  `CPU columns: % of one core during the measured run (${cpus().length} cores, so ${cpus().length * 100}% is the whole machine; a process counts all its threads, so V8's parallel garbage collection can take one above 100%); autocannon runs inside the benchmark process; "rest of machine" is other work on the host during the run, which skews results when high.`,
].join('\n');
await publishSection('router-overhead', section);
