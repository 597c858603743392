// npm run bench federation: The Guild's public gateway benchmark (github.com/graphql-hive/graphql-gateways-benchmark,
// "federation" scenario) on this machine. Four Node subgraphs (accounts, inventory, products,
// reviews; their schema and data, bench/federation/) answer TestQuery (about 87 KB of JSON) through
// each gateway in turn, every gateway a child process with the same number of workers:
//   ours           router/src/main.ts in production mode, default settings
//   ours-nodedupe  the same with DEDUPLICATE_QUERIES=false
//   ours-nodedupe-gatewayexec  the same with PLAN_EXECUTOR=gateway: @apollo/gateway's executor runs the plans
//   ours-nodedupe-nofast  and FAST_PATH=false: every request through Apollo Server and the gateway
//   stock          @apollo/gateway in Apollo Server's standalone server, default settings
//   hive           Hive Gateway's CLI (`hive-gateway supergraph`), default settings
//   hive-nodedupe  the same with its merging of identical in-flight subgraph requests switched off
//   hive-rust, hive-rust-nodedupe  the same two with Hive Router's Rust query planner and executor
//                  (@graphql-hive/router-runtime)
// Each gateway is measured twice: on TestQuery, and on a mixed workload of a shop's pages
// (federation/mixed.ts).
// Every client sends the same query, so deduplication (on by default in our router for incoming
// queries, in Hive for subgraph requests, absent from @apollo/gateway) turns most of the work into
// waiting for a shared result: the "dedupe off" rows are the like-for-like comparison of gateway
// work, the default rows what each gateway does out of the box on this (artificial) load.
// Each must return exactly the expected response before it is measured (autocannon, 50
// connections). Writes its section of bench/RESULTS.md.
//
// Environment: BENCH_SECONDS (default 30), BENCH_WORKERS (default 1), BENCH_GATEWAYS (default
// all nine above, comma-separated), BENCH_SUBGRAPH_PROCESSES (default 4), BENCH_CPU_PROF=<dir> to profile our router.
//
// Subgraph processes: one per subgraph by default, as in the benchmark's own deployments (one
// container each). On the 2-core machine this was written on (quiet host, our router with query
// dedupe off, 10 s runs, interleaved) one process hosting all four gave 104 and 113 RPS, four
// processes 96 and 118: the same within noise. One process used a little less subgraph CPU (37%
// of a core against 43%) and had a slightly shorter p99 tail, but its single event loop becomes
// the queue once gateways run several workers (the subgraphs took 60% of a core with
// BENCH_WORKERS=2), while four processes spread that work over both cores.
// BENCH_SUBGRAPH_PROCESSES=1 measures the other layout.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { installCleanup } from './federation/children.js';
import { GATEWAY_LABELS, ROUTER_LIMITS, START_GATEWAY, startSubgraphs, type GatewayId, type RunningGateway } from './federation/gateways.js';
import { checkResponse, measure, postOnce, type GraphQLBody, type Measurement } from './federation/measure.js';
import { MIXED_WORKLOAD } from './federation/mixed.js';
import { expectedTestQueryResult, TEST_QUERY } from './federation/query.js';
import { settings } from './federation/settings.js';
import { SUBGRAPH_NAMES } from './federation/subgraphs.js';
import { writeSupergraph } from './federation/supergraph.js';
import { machineLine, markdownTable, publishSection, ratio, round } from './lib/report.js';

/** TestQuery's response size: 87,599 bytes of compact JSON (Apollo Server adds a newline). */
const RESPONSE_BYTES = 87_599;

type Row = { id: GatewayId; measurement: Measurement; mixed: Measurement; bytes: number } | { id: GatewayId; error: string };

installCleanup();

function logMeasurement(id: GatewayId, workload: string, { load, cpu, requestsPerCpuSecond }: Measurement): void {
  console.log(`${GATEWAY_LABELS[id]}, ${workload}: ${round(load.rps)} RPS, ${round(requestsPerCpuSecond)} requests per CPU-s, p99 ${load.p99} ms, ${load.errors} errors; CPU gateway ${cpu.target}%, subgraphs ${cpu.others['subgraphs']}%, autocannon ${cpu.loadGenerator}%, rest of machine ${cpu.restOfMachine}%`);
}
const isGateway = (id: string): id is GatewayId => id in START_GATEWAY;
const unknown = settings.gateways.filter((id) => !isGateway(id));
if (unknown.length > 0) throw new Error(`BENCH_GATEWAYS: unknown ${unknown.join(', ')}; choose from ${Object.keys(START_GATEWAY).join(', ')}`);

const subgraphs = await startSubgraphs(SUBGRAPH_NAMES, settings.subgraphProcesses);
const supergraph = await writeSupergraph(subgraphs.urls);
const body = { query: TEST_QUERY };
const rows: Row[] = [];
try {
  const computed = expectedTestQueryResult();
  let reference: unknown = computed;
  // The mixed workload's answers: our router's first (checked free of errors), then every other gateway's against them.
  let mixedReference: unknown[] | undefined;
  for (const id of settings.gateways.filter(isGateway)) {
    console.log(`\n${GATEWAY_LABELS[id]}: starting (${settings.workers} worker${settings.workers > 1 ? 's' : ''})`);
    let gateway: RunningGateway | undefined;
    try {
      gateway = await START_GATEWAY[id]({
        supergraphPath: supergraph.path,
        workers: settings.workers,
        nodeFlags: id.startsWith('ours') && settings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.cpuProfileDir, id)}`] : undefined,
      });
      // Our router is checked against the answer computed from the data; the others against our router's.
      const bytes = await checkResponse(gateway.url, body, reference, RESPONSE_BYTES);
      if (id.startsWith('ours') && reference === computed) reference = JSON.parse(await postOnce(gateway.url, body));
      if (mixedReference) {
        for (const [i, request] of MIXED_WORKLOAD.entries()) await checkResponse(gateway.url, request, mixedReference[i]);
      } else {
        mixedReference = await Promise.all(MIXED_WORKLOAD.map(async (request) => JSON.parse(await postOnce(gateway!.url, request)) as unknown));
      }
      console.log(`${GATEWAY_LABELS[id]}: correct responses (TestQuery ${bytes} bytes, mixed workload); ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured each`);
      const run = (load: { body: GraphQLBody; bodies?: GraphQLBody[] }) =>
        measure({
          targetPid: gateway!.child.pid,
          otherGroups: { subgraphs: subgraphs.children.map((c) => c.pid) },
          load: { url: gateway!.url, ...load, connections: settings.connections },
          warmupSeconds: settings.warmupSeconds,
          seconds: settings.seconds,
        });
      const measurement = await run({ body });
      logMeasurement(id, 'TestQuery', measurement);
      const mixed = await run({ body: MIXED_WORKLOAD[0]!, bodies: MIXED_WORKLOAD });
      logMeasurement(id, 'mixed', mixed);
      rows.push({ id, measurement, mixed, bytes });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${GATEWAY_LABELS[id]}: FAILED: ${message}`);
      rows.push({ id, error: message.split('\n')[0]! });
    } finally {
      await gateway?.child.stop();
    }
  }
} finally {
  await subgraphs.stop();
  await supergraph.remove();
}

type Workload = 'measurement' | 'mixed';
const tableOf = (workload: Workload) =>
  markdownTable(
    ['gateway', 'RPS', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'peak RSS MiB', 'requests per gateway CPU-s', 'CPU % gateway', 'CPU % subgraphs', 'CPU % autocannon', 'CPU % rest of machine'],
    rows.map((row) => {
      if ('error' in row) return [GATEWAY_LABELS[row.id], `failed: ${row.error}`, '', '', '', '', '', '', '', '', '', ''];
      const { load, peakRssMiB, cpu, requestsPerCpuSecond } = row[workload];
      return [GATEWAY_LABELS[row.id], round(load.rps), load.p50, load.p90, load.p99, load.errors, round(peakRssMiB), round(requestsPerCpuSecond), cpu.target, cpu.others['subgraphs'] ?? 0, cpu.loadGenerator, cpu.restOfMachine];
    }),
  );
const ratiosOf = (workload: Workload) => {
  const measured = new Map(rows.flatMap((row) => ('error' in row ? [] : [[row.id, row[workload]] as const])));
  const line = (mine: GatewayId, peer: GatewayId) => {
    const a = measured.get(mine);
    const b = measured.get(peer);
    if (!a || !b) return [];
    return [`- ${GATEWAY_LABELS[mine]} / ${GATEWAY_LABELS[peer]}: RPS ${ratio(a.load.rps, b.load.rps)}, p99 ${ratio(a.load.p99, b.load.p99)}, requests per CPU-s ${ratio(a.requestsPerCpuSecond, b.requestsPerCpuSecond)}`];
  };
  return [
    ...line('ours', 'stock'),
    ...line('ours', 'hive'),
    ...line('ours', 'hive-rust'),
    ...line('ours-nodedupe', 'stock'),
    ...line('ours-nodedupe', 'hive-nodedupe'),
    ...line('ours-nodedupe', 'hive-rust-nodedupe'),
    ...line('ours-nodedupe', 'ours-nodedupe-gatewayexec'),
    ...line('ours-nodedupe', 'ours-nodedupe-nofast'),
  ];
};
const section = [
  '## Federation gateways (The Guild\'s benchmark, TestQuery)',
  '',
  machineLine(),
  '',
  `Settings: ${settings.workers} worker process${settings.workers > 1 ? 'es' : ''} per gateway, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured; ` +
    `subgraphs accounts, inventory, products, reviews in ${subgraphs.children.length} Node process${subgraphs.children.length > 1 ? 'es' : ''} (buildSubgraphSchema on node:http); ` +
    `every gateway returned the same response (about ${round(RESPONSE_BYTES / 1000)} KB) before being measured. ` +
    `Our router: NODE_ENV=production, ROUTER_WORKERS=${settings.workers}, ${Object.entries(ROUTER_LIMITS).map(([k, v]) => `${k}=${v}`).join(', ')}.`,
  '',
  '### TestQuery, the same from every client',
  '',
  tableOf('measurement'),
  '',
  ...ratiosOf('measurement'),
  '',
  `### Mixed workload: ${MIXED_WORKLOAD.length} requests of ${new Set(MIXED_WORKLOAD.map((b) => b.operationName)).size} operations (home, header, product page, account, people) with different variables, each connection sending them in turn`,
  '',
  tableOf('mixed'),
  '',
  ...ratiosOf('mixed'),
  '',
  'RPS ratios above 1 and p99 ratios below 1 favour ours. The first three compare defaults; the rest gateways with no deduplication (the last two: our plan executor against the gateway executor in the same router, and our fast path against the same router without it).',
  '',
  'Deduplication: on TestQuery all 50 clients send the same query, so a gateway that merges identical work in flight does far less of it. ' +
    'Our router merges identical incoming queries by default (DEDUPLICATE_QUERIES), Hive merges identical subgraph requests by default, @apollo/gateway merges nothing. ' +
    'The "dedupe off" rows measure gateway work like for like; real traffic is rarely this uniform.',
  '',
  'Requests per gateway CPU-s: completed requests divided by the CPU time the gateway\'s processes used, its efficiency, which holds steadier than RPS when other work on the host takes CPU from it. ' +
    `CPU columns: % of one core during the measured run (${cpus().length} cores, so ${cpus().length * 100}% is the whole machine; a process counts all its threads, so V8's parallel garbage collection can take one above 100%); autocannon runs inside the benchmark process; "rest of machine" is other work on the host during the run, which skews results when high.`,
].join('\n');
await publishSection('federation', section);
if (rows.some((row) => 'error' in row)) process.exit(1);
