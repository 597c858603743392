import { Pool } from 'undici';
import autocannon from 'autocannon';

/** One load run's outcome: throughput, latency percentiles in milliseconds, failures. */
export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  /** Socket errors and timeouts, plus responses that were not 2xx or carried GraphQL errors. */
  errors: number;
  requests: number;
  /** Mean response body size in bytes. */
  bytesPerResponse: number;
}

export interface LoadOptions {
  url: string;
  /** The GraphQL request sent on every call. */
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  /** Instead of `body`: requests each connection sends in turn (a mixed workload). */
  bodies?: { query: string; variables?: Record<string, unknown>; operationName?: string }[];
  headers?: Record<string, string>;
  /** Concurrent connections, default 50 (the Guild's gateway benchmark uses 50). */
  connections?: number;
  /** Measured seconds, default 30. */
  durationSeconds?: number;
  /** Unmeasured seconds first (JIT, plan caches, connection pools), default 5. */
  warmupSeconds?: number;
  /** Checks a response body; a false answer counts as an error. Default: no `"errors"` key. */
  isValid?: (body: string) => boolean;
}

/** Drives `url` with autocannon: warm-up, then the measured run. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const warmup = options.warmupSeconds ?? 5;
  if (warmup > 0) await cannon({ ...options, durationSeconds: warmup });
  return cannon(options);
}

async function cannon(options: LoadOptions): Promise<LoadResult> {
  const isValid = options.isValid ?? ((body: string) => !body.includes('"errors"'));
  let invalid = 0;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(options.body),
    ...(options.bodies ? { requests: options.bodies.map((body) => ({ method: 'POST' as const, body: JSON.stringify(body) })) } : {}),
    connections: options.connections ?? 50,
    duration: options.durationSeconds ?? 30,
    setupClient: (client) => {
      client.on('body', (body: Buffer) => {
        if (!isValid(body.toString())) invalid++;
      });
    },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + invalid,
    requests: result.requests.total,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

/** Latency of requests sent one at a time on one keep-alive connection: what a hop adds, unloaded. */
export interface SerialLatency {
  /** Milliseconds, with microsecond resolution (autocannon's are whole milliseconds). */
  p50: number;
  p99: number;
  mean: number;
  requests: number;
}

export async function serialLatency(options: { url: string; body: LoadOptions['body']; requests?: number; warmupRequests?: number }): Promise<SerialLatency> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: 1 });
  const payload = JSON.stringify(options.body);
  const once = async () => {
    const response = await pool.request({ path: url.pathname + url.search, method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    const text = await response.body.text();
    if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`unexpected response ${response.statusCode}: ${text.slice(0, 200)}`);
  };
  try {
    for (let i = 0; i < (options.warmupRequests ?? 500); i++) await once();
    const samples: number[] = [];
    for (let i = 0; i < (options.requests ?? 2_000); i++) {
      const started = process.hrtime.bigint();
      await once();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length, requests: samples.length };
  } finally {
    await pool.close();
  }
}
