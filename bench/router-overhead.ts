// npm run bench router-overhead: what our router adds to a query that one subgraph answers alone.
// The products subgraph of the federation benchmark (bench/federation/) answers
// `{ topProducts { upc name price } }`, first called directly, then through our router (production
// mode, one worker process) with its default settings, then with DEDUPLICATE_QUERIES=false: every
// client sends the same query, so with deduplication on most requests share another's execution
// and the per-request cost of the router shows only in the second run. The third run also sets
// FAST_PATH=false (every request through Apollo Server and the gateway's executor): the router
// without its fast path, measured beside it. The paths take turns over several rounds (direct,
// then each router), so a busy minute of the shared machine falls on all of them. Reports the
// median round of each path, the latency and throughput the router costs, and its memory idle
// and under load. Writes its section of bench/RESULTS.md.
//
// Environment: BENCH_SECONDS (default 30, split over the rounds), BENCH_ROUNDS (3),
// BENCH_CPU_PROF=<dir> to profile the router.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { freePort, installCleanup } from './federation/children.js';
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
  router?: RunningGateway;
  idleRssMiB?: number;
  serial?: SerialLatency;
  /** One measurement per round. */
  rounds: Measurement[];
}

/**
 * Rounds per path (settings.rounds: BENCH_ROUNDS, default 3), each path measured once per round in turn, so every
 * path meets the same minutes of the shared machine: one 30 s run of the same build ranged over
 * 0.38-0.71x of the direct run beside it. A path's row is its median round.
 */
const ROUNDS = settings.rounds;
const roundSeconds = Math.max(5, Math.round(settings.seconds / ROUNDS));

installCleanup();
const subgraphs = await startSubgraphs(['products'], 1);
const supergraph = await writeSupergraph(subgraphs.urls);
const subgraph = subgraphs.children[0]!;
const body = { query: QUERY };
const runs: RouterRun[] = [
  { label: 'client -> router -> subgraph (defaults)', env: {}, rounds: [] },
  { label: 'client -> router -> subgraph (query dedupe off)', env: { DEDUPLICATE_QUERIES: 'false' }, rounds: [] },
  { label: 'client -> router -> subgraph (query dedupe and fast path off)', env: { DEDUPLICATE_QUERIES: 'false', FAST_PATH: 'false' }, rounds: [] },
];
const directRounds: Measurement[] = [];
let directSerial: SerialLatency;
try {
  const subgraphUrl = subgraphs.urls.products!;
  await checkResponse(subgraphUrl, body, EXPECTED);
  directSerial = await serialLatency({ url: subgraphUrl, body });
  // Every router starts (and idles, for its idle RSS) before the first round; they wait unloaded between their turns.
  for (const [i, run] of runs.entries()) {
    run.router = await startOurRouter({
      supergraphPath: supergraph.path,
      workers: 1,
      // Each its own metrics port: the routers run side by side.
      env: { ...run.env, METRICS_PORT: String(await freePort()) },
      nodeFlags: settings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.cpuProfileDir, `router-${i}`)}`] : undefined,
    });
    await checkResponse(run.router.url, body, EXPECTED);
    const idle = samplePeakRss(run.router.child.pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    run.idleRssMiB = Math.max(await idle.stop(), await treeRssMiB(run.router.child.pid));
    run.serial = await serialLatency({ url: run.router.url, body });
  }
  for (let round = 0; round < ROUNDS; round++) {
    // The first round warms each path up fully (JIT, pools); later ones briefly.
    const warmupSeconds = round === 0 ? settings.warmupSeconds : 2;
    console.log(`round ${round + 1} of ${ROUNDS}: each path ${warmupSeconds} s warm-up, ${roundSeconds} s measured`);
    directRounds.push(await measure({ targetPid: subgraph.pid, load: { url: subgraphUrl, body, connections: settings.connections }, warmupSeconds, seconds: roundSeconds }));
    for (const run of runs) {
      run.rounds.push(
        await measure({
          targetPid: run.router!.child.pid,
          otherGroups: { subgraph: [subgraph.pid] },
          load: { url: run.router!.url, body, connections: settings.connections },
          warmupSeconds,
          seconds: roundSeconds,
        }),
      );
    }
  }
} finally {
  for (const run of runs) await run.router?.child.stop();
  await subgraphs.stop();
  await supergraph.remove();
}

/** The round with the median throughput (the lower middle one of an even count). */
function medianRound(rounds: Measurement[]): Measurement {
  return [...rounds].sort((a, b) => a.load.rps - b.load.rps)[Math.floor((rounds.length - 1) / 2)]!;
}
const rpsRange = (rounds: Measurement[]) => `${round(Math.min(...rounds.map((m) => m.load.rps)))}-${round(Math.max(...rounds.map((m) => m.load.rps)))}`;
/** Each round's router throughput over the direct throughput of the same round. */
const roundRatios = (rounds: Measurement[]) => rounds.map((m, i) => m.load.rps / directRounds[i]!.load.rps).sort((a, b) => a - b);
const direct = medianRound(directRounds);
const directPeak = Math.max(...directRounds.map((m) => m.peakRssMiB));

const measured = runs
  .filter((run) => run.rounds.length === ROUNDS)
  .map((run) => ({ ...run, measurement: medianRound(run.rounds), peakRssMiB: Math.max(...run.rounds.map((m) => m.peakRssMiB)) }));
const table = markdownTable(
  ['path', 'RPS', `RPS of the ${ROUNDS} rounds`, 'p50 ms', 'p99 ms', 'errors', 'router RSS MiB idle / peak', 'requests per CPU-s of the measured process', 'CPU % router', 'CPU % subgraph', 'CPU % autocannon', 'CPU % rest of machine'],
  [
    ['client -> subgraph', round(direct.load.rps), rpsRange(directRounds), direct.load.p50, direct.load.p99, directRounds.reduce((sum, m) => sum + m.load.errors, 0), '-', round(direct.requestsPerCpuSecond), '-', direct.cpu.target, direct.cpu.loadGenerator, direct.cpu.restOfMachine],
    ...measured.map(({ label, measurement: m, rounds, idleRssMiB, peakRssMiB }) => [
      label,
      round(m.load.rps),
      rpsRange(rounds),
      m.load.p50,
      m.load.p99,
      rounds.reduce((sum, r) => sum + r.load.errors, 0),
      `${round(idleRssMiB ?? 0)} / ${round(peakRssMiB)}`,
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
    `${settings.connections} connections; ${ROUNDS} rounds, each measuring every path in turn for ${roundSeconds} s (${settings.warmupSeconds} s of warm-up in the first round, 2 s in later ones), so all paths meet the same minutes of a shared machine; a path's row is its median round (by RPS), its errors the sum of its rounds. ` +
    `Our router: NODE_ENV=production, ROUTER_WORKERS=1, ${Object.entries(ROUTER_LIMITS).map(([k, v]) => `${k}=${v}`).join(', ')}; ` +
    `idle RSS sampled for ${IDLE_SECONDS} s after one request, before any load; peak RSS the highest during warm-ups and loads (direct: the subgraph's ${round(directPeak)} MiB).`,
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
    ({ label, measurement: m, ...run }) =>
      `- ${label.replace('client -> router -> subgraph ', 'router ')}: adds p50 ${added(m, 'p50')} ms, p99 ${added(m, 'p99')} ms; throughput ${ratio(m.load.rps, direct.load.rps)} of direct (medians; ` +
      `round by round ${roundRatios(run.rounds).map((r) => `${r.toFixed(2)}x`).join(', ')}); ${round(1000 / m.requestsPerCpuSecond, 3)} ms of router CPU per request (median round; rounds ${run.rounds.map((r) => round(1000 / r.requestsPerCpuSecond, 3)).sort((a, b) => a - b).join(', ')})`,
  ),
  '',
  `CPU columns: % of one core during the measured run (${cpus().length} cores, so ${cpus().length * 100}% is the whole machine; a process counts all its threads, so V8's parallel garbage collection can take one above 100%); autocannon runs inside the benchmark process; "rest of machine" is other work on the host during the run, which skews results when high.`,
].join('\n');
await publishSection('router-overhead', section);
