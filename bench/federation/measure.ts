// One gateway's measurement: a correctness check first, then load with peak memory and the CPU
// each side used, so a table can say whether the gateway or something else was the bottleneck.
import { isDeepStrictEqual } from 'node:util';
import { runLoad, type LoadOptions, type LoadResult } from '../lib/load.js';
import { samplePeakRss } from '../lib/rss.js';
import { groupCpuSeconds, machineBusySeconds, ownCpuSeconds } from './children.js';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** POSTs `body` once and returns the raw response text; throws on a non-200 or GraphQL errors. */
export async function postOnce(url: string, body: GraphQLBody): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${url}: ${text.slice(0, 500)}`);
  if (text.includes('"errors"')) throw new Error(`GraphQL errors from ${url}: ${text.slice(0, 1000)}`);
  return text;
}

/**
 * Checks that `url` answers `body` with exactly `expected` (deep-equal, key order aside) and, when
 * given, a body of about `approxBytes` (within 10%). Returns the response size in bytes, or throws
 * naming the first difference.
 */
export async function checkResponse(url: string, body: GraphQLBody, expected: unknown, approxBytes?: number): Promise<number> {
  const text = await postOnce(url, body);
  const actual: unknown = JSON.parse(text);
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`wrong response from ${url}: ${firstDifference(expected, actual, '$') ?? 'differs'}`);
  }
  const bytes = Buffer.byteLength(text);
  if (approxBytes && Math.abs(bytes - approxBytes) > approxBytes * 0.1) throw new Error(`response from ${url} is ${bytes} bytes, expected about ${approxBytes}`);
  return bytes;
}

function firstDifference(expected: unknown, actual: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(expected, actual)) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) {
    return `${path}: expected ${JSON.stringify(expected)?.slice(0, 200)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const found = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path}: differs`;
}

export interface Measurement {
  load: LoadResult;
  /** Peak RSS of the target's process tree during warm-up and the measured run, MiB. */
  peakRssMiB: number;
  /** CPU used during the measured run, as % of one core (200% = both cores of a 2-core machine). */
  cpu: {
    target: number;
    others: Record<string, number>;
    loadGenerator: number;
    /** Everything else the machine ran meanwhile (other users' work, the kernel): noise when high. */
    restOfMachine: number;
  };
  /**
   * Completed requests per CPU-second the target used: its efficiency, steadier than RPS on a
   * shared machine where the target gets only part of a core.
   */
  requestsPerCpuSecond: number;
  seconds: number;
}

export interface MeasureOptions {
  /** Leader of the measured process group (its tree is sampled for RSS, its group for CPU). */
  targetPid: number;
  /** Other process groups whose CPU is worth knowing (e.g. "subgraphs"), by label. */
  otherGroups?: Record<string, number[]>;
  load: Omit<LoadOptions, 'warmupSeconds' | 'durationSeconds'>;
  warmupSeconds: number;
  seconds: number;
}

export async function measure(options: MeasureOptions): Promise<Measurement> {
  const rss = samplePeakRss(options.targetPid);
  const others = Object.entries(options.otherGroups ?? {});
  const cpuOf = () => ({
    target: groupCpuSeconds(options.targetPid),
    others: others.map(([, pids]) => pids.reduce((sum, pid) => sum + groupCpuSeconds(pid), 0)),
    own: ownCpuSeconds(),
    machine: machineBusySeconds(),
  });
  let load: LoadResult;
  let before: ReturnType<typeof cpuOf>;
  let after: ReturnType<typeof cpuOf>;
  let wall: number;
  let peakRssMiB = 0;
  try {
    // The warm-up is a run of its own (rather than runLoad's) so CPU is counted over the measured run only.
    if (options.warmupSeconds > 0) await runLoad({ ...options.load, durationSeconds: options.warmupSeconds, warmupSeconds: 0 });
    before = cpuOf();
    const started = performance.now();
    load = await runLoad({ ...options.load, durationSeconds: options.seconds, warmupSeconds: 0 });
    wall = (performance.now() - started) / 1000;
    after = cpuOf();
  } finally {
    peakRssMiB = await rss.stop();
  }
  const percent = (a: number, b: number) => Math.round(((b - a) / wall) * 100);
  return {
    load,
    peakRssMiB,
    cpu: {
      target: percent(before.target, after.target),
      others: Object.fromEntries(others.map(([label], i) => [label, percent(before.others[i]!, after.others[i]!)])),
      loadGenerator: percent(before.own, after.own),
      restOfMachine: Math.max(
        0,
        percent(before.machine, after.machine) -
          percent(before.target, after.target) -
          percent(before.own, after.own) -
          others.reduce((sum, _, i) => sum + percent(before.others[i]!, after.others[i]!), 0),
      ),
    },
    seconds: wall,
    requestsPerCpuSecond: after.target > before.target ? load.requests / (after.target - before.target) : 0,
  };
}
