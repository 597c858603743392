// The benchmarks' knobs, read from the environment in this one place.

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export const settings = {
  /** BENCH_SECONDS: measured seconds per run, default 30. */
  seconds: positiveInt('BENCH_SECONDS', 30),
  /** Unmeasured seconds before each run (JIT, plan caches, connection pools). */
  warmupSeconds: 5,
  /** Concurrent client connections, as in The Guild's benchmark. */
  connections: 50,
  /** BENCH_ROUNDS: rounds in which router-overhead's paths take turns (BENCH_SECONDS split over them), default 3. */
  rounds: positiveInt('BENCH_ROUNDS', 3),
  /** BENCH_WORKERS: worker processes of every gateway (cluster), default 1. */
  workers: positiveInt('BENCH_WORKERS', 1),
  /** BENCH_GATEWAYS: which gateways the federation benchmark runs, comma-separated; default all. */
  gateways: (process.env['BENCH_GATEWAYS'] ?? 'ours,ours-nodedupe,ours-nodedupe-gatewayexec,ours-nodedupe-nofast,stock,hive,hive-nodedupe,hive-rust,hive-rust-nodedupe')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  /**
   * BENCH_SUBGRAPH_PROCESSES: "1" hosts the four subgraphs in one process, "4" gives each its own.
   * Default 4 (see bench/federation.ts for the measurement behind the choice).
   */
  subgraphProcesses: positiveInt('BENCH_SUBGRAPH_PROCESSES', 4),
  /** BENCH_CPU_PROF: a directory; our router then runs with --cpu-prof and writes its profile there on exit. */
  cpuProfileDir: process.env['BENCH_CPU_PROF'] || undefined,
};
