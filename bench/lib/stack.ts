// Services mode for benchmarks: every subgraph and the router a real process on real PostgreSQL
// and Redis, as operators run them (embedded/test/services.ts does the same for tests). Each
// stack gets its own database and Redis key prefix and removes both when it stops; its child
// processes are stopped on every way out (normal end, error, Ctrl-C, SIGTERM).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type * as Net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as WorkerThreads from 'node:worker_threads';
import { deleteRedisKeys, freePort, startChild, testConfig, type ChildService } from '@bookstore/testing';
import { Redis } from 'ioredis';
import { buildProcesses } from '../../scripts/build.js';
import postgres from 'postgres';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const SUBGRAPHS = ['users', 'catalog', 'orders', 'payments', 'reviews', 'loans', 'summaries'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
export type ProcessName = SubgraphName | 'router';

/** Measured seconds of a benchmark: BENCH_SECONDS, default 30. */
export function benchSeconds(): number {
  const value = Number(process.env['BENCH_SECONDS'] ?? 30);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_SECONDS must be a positive number of seconds, not "${process.env['BENCH_SECONDS']}"`);
  return value;
}

// --- cleanup on every way out ------------------------------------------------------------------

const liveStops = new Set<() => Promise<void>>();
const liveChildren = new Set<ChildService>();
let cleanupInstalled = false;

/**
 * Ctrl-C and SIGTERM stop every stack (children, database, Redis keys) before exiting; the exit
 * hook SIGKILLs whatever child is still alive, so even a crash of this process leaves no orphan.
 */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark's processes, dropping its database and Redis keys ...`);
    void Promise.allSettled([...liveStops].map((stop) => stop())).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const child of liveChildren) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }
  });
}

// --- counting SQL statements -------------------------------------------------------------------

/** application_name -> statement text -> executions. */
export type StatementCounts = Record<string, Record<string, number>>;

/**
 * How the benchmarks count SQL: the subgraphs run as separate processes, so the in-process
 * `onQuery` hook of embedded/test/catalogue-page.e2e.ts is out of reach, and pg_stat_statements
 * is not loaded on the shared server (and `pg_stat_database.xact_commit` counts transactions, not
 * statements). Instead every subgraph's DATABASE_URL points at this proxy, which forwards the
 * PostgreSQL wire protocol untouched and reads the client side of it: each Execute message (the
 * extended protocol postgres.js uses) or simple Query message is one statement actually sent to
 * the server, attributed to the connection's `application_name` (`bookstore-<subgraph>`, set by
 * packages/subgraph-runtime/src/db.ts) and to its SQL text (from the Parse message of the prepared statement
 * the portal was bound to). The proxy runs in a worker thread so the load generator's event loop
 * never delays a query; it costs one extra loopback hop per round trip.
 */
export class SqlCounter {
  private nextId = 0;
  private readonly waiting = new Map<number, (snapshot: { counts: StatementCounts; writes: Record<string, number> }) => void>();

  private constructor(
    private readonly worker: Worker,
    readonly port: number,
  ) {
    worker.on('message', (message: { type: string; id?: number; counts?: StatementCounts; writes?: Record<string, number> }) => {
      if (message.type !== 'snapshot' || message.id === undefined) return;
      this.waiting.get(message.id)?.({ counts: message.counts ?? {}, writes: message.writes ?? {} });
      this.waiting.delete(message.id);
    });
  }

  static async start(upstreamHost: string, upstreamPort: number): Promise<SqlCounter> {
    // Plain JavaScript for an eval'd worker: tsx's esbuild output may call its `__name` helper.
    const code = `const __name = (target) => target;\n(${sqlProxyWorker.toString()})();`;
    const worker = new Worker(code, { eval: true, execArgv: [], workerData: { upstreamHost, upstreamPort } });
    const port = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: { type: string; port?: number }) => (message.type === 'listening' && message.port ? resolve(message.port) : reject(new Error('SQL proxy failed to listen'))));
    });
    return new SqlCounter(worker, port);
  }

  /** Statements executed so far, cumulative. */
  async snapshot(): Promise<StatementCounts> {
    return (await this.snapshotWithWrites()).counts;
  }

  /**
   * Statements executed so far and, by application_name, the socket writes the clients made to
   * send them (chunks read by the proxy; a write answered before the next is one round trip).
   */
  snapshotWithWrites(): Promise<{ counts: StatementCounts; writes: Record<string, number> }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ type: 'snapshot', id });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** What one process ran between two snapshots, by application_name and statement. */
export function statementsBetween(before: StatementCounts, after: StatementCounts): StatementCounts {
  const diff: StatementCounts = {};
  for (const [app, statements] of Object.entries(after)) {
    for (const [text, count] of Object.entries(statements)) {
      const delta = count - (before[app]?.[text] ?? 0);
      if (delta > 0) (diff[app] ??= {})[text] = delta;
    }
  }
  return diff;
}

/**
 * A request's own statements versus background work, as catalogue-page.e2e.ts separates them:
 * the outbox relays poll every 250 ms (advisory lock, outbox select) and consumers record inbox
 * rows; BEGIN/COMMIT/SAVEPOINT wrap statements rather than being queries of their own.
 */
export function statementKind(text: string): 'request' | 'relay' | 'control' {
  if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(text)) return 'control';
  if (/outbox|inbox|advisory/i.test(text)) return 'relay';
  return 'request';
}

/** Statements of `kind` per subgraph ("bookstore-catalog" -> "catalog"). */
export function statementsPerSubgraph(counts: StatementCounts, kind: 'request' | 'relay' | 'control' = 'request'): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [app, statements] of Object.entries(counts)) {
    const name = app.replace(/^bookstore-/, '');
    for (const [text, count] of Object.entries(statements)) {
      if (statementKind(text) === kind) result[name] = (result[name] ?? 0) + count;
    }
  }
  return result;
}

/**
 * The proxy, run in a worker thread from its source text (so it must not close over anything).
 * Frontend messages: StartupMessage (no type byte: length, protocol 3.0, then name/value pairs),
 * then typed messages (type byte, int32 length including itself, body). We read Parse ('P':
 * statement name, query), Bind ('B': portal, statement), Execute ('E': portal) and Query ('Q':
 * text). https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
function sqlProxyWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const net = require('node:net') as typeof Net;
  const { parentPort, workerData } = require('node:worker_threads') as typeof WorkerThreads;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { upstreamHost, upstreamPort } = workerData as { upstreamHost: string; upstreamPort: number };
  const PROTOCOL_3 = 196608;
  const counts = new Map<string, Map<string, number>>();
  const writes = new Map<string, number>();
  const sockets = new Set<Net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, upstreamHost);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    let app = 'unknown';
    let startup = true;
    const statements = new Map<string, string>();
    const portals = new Map<string, string>();
    let pending: Buffer | null = null;

    const count = (text: string) => {
      let byText = counts.get(app);
      if (!byText) counts.set(app, (byText = new Map()));
      byText.set(text, (byText.get(text) ?? 0) + 1);
    };
    const cstring = (buf: Buffer, at: number): [string, number] => {
      const end = buf.indexOf(0, at);
      return [buf.toString('utf8', at, end), end + 1];
    };
    const handle = (type: number, buf: Buffer, start: number) => {
      switch (String.fromCharCode(type)) {
        case 'Q':
          count(cstring(buf, start)[0]);
          break;
        case 'P': {
          const [name, next] = cstring(buf, start);
          statements.set(name, cstring(buf, next)[0]);
          break;
        }
        case 'B': {
          const [portal, next] = cstring(buf, start);
          portals.set(portal, statements.get(cstring(buf, next)[0]) ?? '?');
          break;
        }
        case 'E':
          count(portals.get(cstring(buf, start)[0]) ?? '?');
          break;
      }
    };
    const read = (chunk: Buffer) => {
      const buf: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (;;) {
        if (startup) {
          if (buf.length - at < 8) break;
          const length = buf.readInt32BE(at);
          if (buf.length - at < length) break;
          if (buf.readInt32BE(at + 4) === PROTOCOL_3) {
            startup = false;
            let p = at + 8;
            while (p < at + length - 1) {
              const [key, afterKey] = cstring(buf, p);
              const [value, afterValue] = cstring(buf, afterKey);
              if (key === 'application_name') app = value;
              p = afterValue;
            }
          }
          at += length; // SSLRequest / GSSENCRequest stay in start-up; CancelRequest ends the connection
          continue;
        }
        if (buf.length - at < 5) break;
        const length = buf.readInt32BE(at + 1);
        if (buf.length - at < 1 + length) break;
        handle(buf[at]!, buf, at + 5);
        at += 1 + length;
      }
      pending = at >= buf.length ? null : buf.subarray(at);
    };

    client.on('data', (chunk: Buffer) => {
      writes.set(app, (writes.get(app) ?? 0) + 1);
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
      read(chunk);
    });
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });

  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as Net.AddressInfo;
    parentPort!.postMessage({ type: 'listening', port: address.port });
  });
  parentPort!.on('message', (message: { type: string; id: number }) => {
    if (message.type !== 'snapshot') return;
    const snapshot: Record<string, Record<string, number>> = {};
    for (const [app, byText] of counts) snapshot[app] = Object.fromEntries(byText);
    parentPort!.postMessage({ type: 'snapshot', id: message.id, counts: snapshot, writes: Object.fromEntries(writes) });
  });
}

// --- the stack ---------------------------------------------------------------------------------

export interface StackOptions {
  /** Names the database (bench_<label>_<random>) and the Redis prefix (bench-<label>-<random>). */
  label: string;
  /** Subgraphs to run; `users` is needed whenever anyone signs in (it serves the JWKS). */
  subgraphs: readonly SubgraphName[];
  /** Route every subgraph's SQL through a SqlCounter (stack.sql). Default false. */
  countSql?: boolean;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Extra environment for one kind of process (each router `startRouter` starts too), over `env`. */
  processEnv?: Partial<Record<ProcessName, Record<string, string>>>;
  /** Create the bench ADMIN at start (ADMIN_EMAIL/ADMIN_PASSWORD); default true. Its password check loads users' zxcvbn dictionaries. */
  admin?: boolean;
  /** Extra Node flags for every process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] to profile a run. */
  nodeArgs?: string[];
  /**
   * How processes run: `bundle` (default; as the images do: `npm run build`'s dist/<name>/main.mjs
   * on plain node) or `tsx` (the sources through tsx, as in development). BENCH_RUNTIME overrides.
   */
  runtime?: 'bundle' | 'tsx';
}

export interface StackProcess {
  /** The subgraph's name, "router", or the label given to startRouter. */
  name: string;
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Where its `/metrics` is served: http://127.0.0.1:<metrics port> */
  metricsUrl: string;
  child: ChildService;
}

export interface BenchStack {
  /** The router's GraphQL endpoint. */
  graphqlUrl: string;
  processes: StackProcess[];
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** Set when started with `countSql`. */
  sql: SqlCounter | undefined;
  admin: { email: string; password: string };
  /**
   * Starts another router on the same subgraphs (e.g. with DEDUPLICATE_QUERIES=false), labelled
   * `label` in `processes`; stopped with the stack.
   */
  startRouter(label: string, env: Record<string, string>): Promise<StackProcess & { graphqlUrl: string }>;
  /** Warnings and errors the processes logged (pino JSON lines at level >= 40), by process. */
  problems(): Record<string, string[]>;
  stop(): Promise<void>;
}

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench admin passphrase, long and unguessable 42' };

/** Starts the subgraphs and the router, each on a free port, and waits until every one is ready. */
export async function startStack(options: StackOptions): Promise<BenchStack> {
  installCleanup();
  const suffix = randomBytes(4).toString('hex');
  const database = `bench_${options.label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  const prefix = `bench-${options.label.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-${suffix}`;
  const adminUrl = new URL(testConfig.postgresAdminUrl);
  const redisUrl = testConfig.redisUrl;
  const children: StackProcess[] = [];
  let sql: SqlCounter | undefined;
  let created = false;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(children.map((p) => p.child.stop(5_000)));
      for (const p of children) liveChildren.delete(p.child);
      await sql?.close();
      if (created) {
        const admin = postgres(testConfig.postgresAdminUrl, { max: 1, onnotice: () => {} });
        try {
          await admin.unsafe(`drop database if exists "${database}" with (force)`);
        } finally {
          await admin.end({ timeout: 1 });
        }
      }
      await deleteRedisKeys(redisUrl, prefix);
      liveStops.delete(stop);
    })());
  liveStops.add(stop);

  try {
    const admin = postgres(testConfig.postgresAdminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${database}"`);
      created = true;
    } finally {
      await admin.end({ timeout: 1 });
    }
    if (options.countSql) sql = await SqlCounter.start(adminUrl.hostname, Number(adminUrl.port || 5432));
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${database}`;
    const subgraphDatabaseUrl = new URL(databaseUrl);
    if (sql) {
      subgraphDatabaseUrl.hostname = '127.0.0.1';
      subgraphDatabaseUrl.port = String(sql.port);
    }

    const ports = new Map<ProcessName, number>();
    for (const name of [...options.subgraphs, 'router'] as ProcessName[]) ports.set(name, await freePort());
    const url = (name: ProcessName) => `http://127.0.0.1:${ports.get(name)}`;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: subgraphDatabaseUrl.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SUBGRAPH_SECRET: randomBytes(32).toString('hex'),
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWKS_URL: `${ports.has('users') ? url('users') : 'http://127.0.0.1:4001'}/.well-known/jwks.json`,
      ...(options.admin === false ? {} : { ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password }),
      REQUESTS_PER_MINUTE: '100000000',
      // One router process (no cluster): its numbers are per worker, as the memory target is.
      ROUTER_WORKERS: '1',
      ...options.env,
    };
    const routerEnv = { SUBGRAPH_URLS: options.subgraphs.map((name) => `${name}=${url(name)}/graphql`).join(',') };

    const runtime = (process.env['BENCH_RUNTIME'] as 'bundle' | 'tsx' | undefined) ?? options.runtime ?? 'bundle';
    if (runtime === 'bundle') await buildProcesses({ only: [...options.subgraphs, 'router'] });
    const start = async (kind: ProcessName, label: string, port: number, extra: Record<string, string> = {}) => {
      const args =
        runtime === 'bundle'
          ? [...(options.nodeArgs ?? []), `dist/${kind}/main.mjs`]
          : [...(options.nodeArgs ?? []), '--import', 'tsx', kind === 'router' ? 'router/src/main.ts' : `subgraphs/${kind}/src/main.ts`];
      const metricsPort = await freePort();
      const child = startChild(process.execPath, args, { cwd: root, env: { ...env, ...options.processEnv?.[kind], ...extra, PORT: String(port), METRICS_PORT: String(metricsPort) } });
      liveChildren.add(child);
      const entryOf: StackProcess = { name: label, pid: child.process.pid ?? -1, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}`, child };
      children.push(entryOf);
      return entryOf;
    };
    const started = [];
    for (const name of options.subgraphs) started.push(await start(name, name, ports.get(name)!));
    started.push(await start('router', 'router', ports.get('router')!, routerEnv));
    await Promise.all(started.map((p) => waitReady(p)));

    return {
      graphqlUrl: `${url('router')}/graphql`,
      processes: children,
      databaseUrl: databaseUrl.toString(),
      redisUrl,
      prefix,
      sql,
      admin: BENCH_ADMIN,
      startRouter: async (label, extra) => {
        const router = await start('router', label, await freePort(), { ...routerEnv, ...extra });
        await waitReady(router);
        return { ...router, graphqlUrl: `${router.url}/graphql` };
      },
      problems: () => Object.fromEntries(children.map((p) => [p.name, logProblems(p.child.output())])),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A benchmark's run on one stack: starts it, runs `measure`, and whatever happens then closes what
 * `measure` registered with `defer` (e.g. an OrderStatusFeed), the keep-alive clients and the stack.
 */
export async function onStack<T>(options: StackOptions, measure: (stack: BenchStack, defer: (close: () => Promise<void>) => void) => Promise<T>): Promise<T> {
  // A port freePort found free can be taken by another program before the process listens on it
  // (the machine is shared); a stack that failed for that starts again once, on other ports.
  const stack = await startStack(options).catch((error: unknown) => {
    if (!(error instanceof Error && /Port \d+ is already in use/.test(error.message))) throw error;
    console.error(`${options.label}: a port was taken before a process could listen on it; starting the stack again`);
    return startStack(options);
  });
  const closers: (() => Promise<void>)[] = [];
  try {
    return await measure(stack, (close) => closers.push(close));
  } finally {
    for (const close of closers.reverse()) await close();
    closeClients();
    await stack.stop();
  }
}

/** Polls `/ready` until it answers 200; fails at once with the process's output if it exits. */
async function waitReady(p: StackProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = new Promise<never>((_, reject) =>
    p.child.process.once('exit', (code) => reject(new Error(`${p.name} exited (${code}) before it was ready:\n${p.child.output()}`))),
  );
  exited.catch(() => {}); // observed by the race below only while waiting
  for (;;) {
    const ok = await Promise.race([
      fetch(`${p.url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        (res) => res.ok,
        () => false,
      ),
      exited,
    ]);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${p.name} was not ready after ${timeoutMs} ms:\n${p.child.output()}`);
    await sleep(250);
  }
}

function logProblems(output: string): string[] {
  const problems: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 40) problems.push(`${entry.level! >= 50 ? 'error' : 'warn'}: ${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}`);
    } catch {
      problems.push(line.slice(0, 300)); // not pino: a crash or a runtime warning
    }
  }
  return problems;
}

/** "3x warn: ..." lines, most frequent first. */
export function summariseProblems(problems: Record<string, string[]>): string[] {
  const lines: string[] = [];
  for (const [name, list] of Object.entries(problems)) {
    const counts = new Map<string, number>();
    for (const problem of list) counts.set(problem, (counts.get(problem) ?? 0) + 1);
    for (const [problem, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5)) lines.push(`${name}: ${count}x ${problem}`);
  }
  return lines;
}

/** CPU time (user + system) a process has used so far, in ms; 0 once it has exited. Linux only. */
export async function cpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields after it start with the state (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** USER_HZ: 100 on every mainstream Linux build (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/**
 * The Redis server's process id (INFO server), for its CPU, when it is a redis-server process of
 * this machine (one in a container reports its own namespace's pid, another process's here).
 */
async function redisServerPid(url: string): Promise<number | undefined> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const pid = /^process_id:(\d+)/m.exec(await redis.info('server'))?.[1];
    if (pid === undefined) return undefined;
    const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    return command.startsWith('redis') ? Number(pid) : undefined;
  } finally {
    redis.disconnect();
  }
}

/**
 * CPU ms used from now until `stop()`: by each process of the stack, by PostgreSQL's backends
 * serving this stack's database (by application_name; they are processes of this machine), by
 * the Redis server (bullmq's scripts run there: a share of every job's cost; anything else using
 * that Redis meanwhile counts too), and by this process (the load generator, and the SQL proxy
 * when counting).
 */
export async function startCpuMeter(stack: BenchStack): Promise<{ stop: () => Promise<Record<string, number>> }> {
  const backends = async () => {
    const sql = postgres(testConfig.postgresAdminUrl, { max: 1, onnotice: () => {} });
    try {
      const name = new URL(stack.databaseUrl).pathname.slice(1);
      const rows = await sql<{ pid: number; app: string }[]>`select pid, application_name as app from pg_stat_activity where datname = ${name}`;
      return new Map(await Promise.all(rows.map(async (r) => [r.pid, { app: r.app || 'other', ms: await cpuMs(r.pid) }] as const)));
    } finally {
      await sql.end({ timeout: 1 });
    }
  };
  const before = await Promise.all(stack.processes.map((p) => cpuMs(p.pid)));
  const backendsBefore = await backends();
  const redisPid = await redisServerPid(stack.redisUrl);
  const redisBefore = redisPid === undefined ? 0 : await cpuMs(redisPid);
  const self = process.cpuUsage();
  return {
    stop: async () => {
      const selfUsed = process.cpuUsage(self);
      const after = await Promise.all(stack.processes.map((p) => cpuMs(p.pid)));
      const result: Record<string, number> = {};
      stack.processes.forEach((p, i) => (result[p.name] = after[i]! - before[i]!));
      for (const [pid, { app, ms }] of await backends()) {
        const key = `postgres (${app.replace(/^bookstore-/, '')})`;
        result[key] = (result[key] ?? 0) + ms - (backendsBefore.get(pid)?.ms ?? 0);
      }
      // 0 when Redis runs elsewhere (no such process here): left out rather than shown as free.
      const redisUsed = redisPid === undefined ? 0 : (await cpuMs(redisPid)) - redisBefore;
      if (redisUsed > 0) result['redis'] = redisUsed;
      result['bench process'] = (selfUsed.user + selfUsed.system) / 1000;
      return result;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// --- GraphQL clients ---------------------------------------------------------------------------

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

const agents = new Map<string, Agent>();
function agentFor(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ keepAlive: true, maxSockets: 256, localAddress })));
  return agent;
}

/** Closes the keep-alive sockets of `graphql`, so the process can exit. */
export function closeClients(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/**
 * A GraphQL POST over keep-alive HTTP. `localAddress` (127.0.0.x) makes the request come from
 * another loopback address: the router's per-address limits see separate clients, as a
 * population of customers would be.
 */
export function graphql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; localAddress?: string } = {},
): Promise<GraphQLResult<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: agentFor(options.localAddress ?? '127.0.0.1'),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve(JSON.parse(text) as GraphQLResult<T>);
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `graphql`, throwing on any GraphQL error. */
export async function mustGraphql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; localAddress?: string } = {},
): Promise<T> {
  const result = await graphql<T>(url, query, variables, options);
  if (result.errors?.length || !result.data) throw new Error(`${query.slice(0, 60)}...: ${JSON.stringify(result.errors)}`);
  return result.data;
}

// --- seeding through the public API ------------------------------------------------------------

export interface Customer {
  id: string;
  username: string;
  token: string;
  localAddress: string;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!, index);
      }
    }),
  );
  return results;
}

/** A small deterministic PRNG (mulberry32), so every run seeds the same catalogue. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loginAdmin(stack: BenchStack): Promise<string> {
  const data = await mustGraphql<{ login: { accessToken: string } }>(stack.graphqlUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
    i: { login: stack.admin.email, password: stack.admin.password },
  });
  return data.login.accessToken;
}

/**
 * Registers `count` customers through the router. The users subgraph allows 10 registrations
 * per address and hour, so every 8 customers come from another loopback address.
 */
export async function registerCustomers(stack: BenchStack, count: number): Promise<Customer[]> {
  return inParallel(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const username = `bench_reader_${i}`;
      const localAddress = `127.0.0.${2 + Math.floor(i / 8)}`;
      const data = await mustGraphql<{ register: { accessToken: string; user: { id: string } } }>(
        stack.graphqlUrl,
        'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
        { i: { email: `${username}@example.com`, username, password: `marmalade lighthouse ${i} quietly sings`, name: `Bench Reader ${i}` } },
        { localAddress },
      );
      return { id: data.register.user.id, username, token: data.register.accessToken, localAddress };
    },
  );
}

export interface SeedOptions {
  books: number;
  /** Stock of every book (orders reserve it), default 1 000 000 so no order is ever rejected. */
  stock?: number;
  /** Reviewers (each reviews about a quarter of the books) and borrowers (each borrows up to 3 books). */
  customers?: Customer[];
  /** Give every book 1-5 lending copies (needs the loans subgraph). Default false. */
  lending?: boolean;
}

export interface SeededCatalogue {
  bookIds: string[];
  authors: number;
  reviews: number;
  loans: number;
}

const SURNAMES = ['Austen', 'Bronte', 'Conrad', 'Dickens', 'Eliot', 'Forster', 'Gaskell', 'Hardy', 'Irving', 'James', 'Kipling', 'London', 'Melville', 'Nesbit', 'Orwell', 'Poe', 'Quincey', 'Rossetti', 'Shelley', 'Twain'];
const GIVEN = ['Ada', 'Ben', 'Cora', 'Dan'];
const WORDS = ['Silent', 'River', 'Garden', 'Lantern', 'Winter', 'Harbour', 'Orchard', 'Tower', 'Letters', 'Voyage', 'Meadow', 'Clock', 'Island', 'Shadow', 'Engine'];

/**
 * A catalogue through the public API, the way a shop's staff and readers build one: the ADMIN
 * creates books (1-2 of 80 authors each) and lending copies; customers review and borrow.
 */
export async function seedCatalogue(stack: BenchStack, adminToken: string, options: SeedOptions): Promise<SeededCatalogue> {
  const random = prng(20_240_607);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const authorPool = SURNAMES.flatMap((surname) => GIVEN.map((given) => `${given} ${surname}`));
  const books = Array.from({ length: options.books }, (_, i) => ({
    title: `The ${pick(WORDS)} ${pick(WORDS)} ${i + 1}`,
    authorNames: random() < 0.3 ? [pick(authorPool), pick(authorPool)].filter((a, j, all) => all.indexOf(a) === j) : [pick(authorPool)],
    price: `${5 + Math.floor(random() * 25)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
    stock: options.stock ?? 1_000_000,
    description: `A benchmark novel about ${pick(WORDS).toLowerCase()}s and ${pick(WORDS).toLowerCase()}s, number ${i + 1}.`,
    publishedYear: 1850 + Math.floor(random() * 170),
  }));
  const bookIds = await inParallel(books, 6, async (input) => {
    const data = await mustGraphql<{ createBook: { id: string } }>(stack.graphqlUrl, 'mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: input }, { token: adminToken });
    return data.createBook.id;
  });
  const authors = new Set(books.flatMap((b) => b.authorNames)).size;
  const customers = options.customers ?? [];
  let reviews = 0;
  let loans = 0;

  if (options.lending) {
    // Loans learns of books from catalog's book.changed events: wait until the last one arrived.
    await retryUntil(() => graphql(stack.graphqlUrl, 'mutation($b: ID!) { setLendingCopies(bookId: $b, copies: 2) { totalCopies } }', { b: bookIds.at(-1) }, { token: adminToken }));
    await inParallel(bookIds, 6, (bookId) =>
      mustGraphql(stack.graphqlUrl, 'mutation($b: ID!, $c: Int!) { setLendingCopies(bookId: $b, copies: $c) { totalCopies } }', { b: bookId, c: 1 + Math.floor(random() * 5) }, { token: adminToken }),
    );
    const borrowings = customers.flatMap((customer) => Array.from({ length: 3 }, () => ({ customer, bookId: pick(bookIds) })));
    await inParallel(borrowings, 4, async ({ customer, bookId }) => {
      const res = await graphql(stack.graphqlUrl, 'mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: bookId }, { token: customer.token, localAddress: customer.localAddress });
      if (!res.errors) loans++; // a book already borrowed by this reader, or with no copy free, is simply skipped
    });
  }

  if (customers.length > 0 && bookIds.length > 0) {
    // Reviews learns of books through catalog's events, in commit order: once a review of the
    // last book is accepted, every book is known.
    const lastBook = bookIds.at(-1)!;
    const reviewer = customers[0]!;
    const query = 'mutation($i: AddReviewInput!) { addReview(input: $i) { id } }';
    await retryUntil(() => graphql(stack.graphqlUrl, query, { i: { bookId: lastBook, rating: 5, title: 'Worth it' } }, { token: reviewer.token, localAddress: reviewer.localAddress }));
    reviews++;
    const planned = customers
      .flatMap((customer) => bookIds.filter(() => random() < 0.25).map((bookId) => ({ customer, bookId, rating: 1 + Math.floor(random() * 5) })))
      .filter((review) => !(review.customer === reviewer && review.bookId === lastBook));
    await inParallel(planned, 6, async ({ customer, bookId, rating }) => {
      await mustGraphql(stack.graphqlUrl, query, { i: { bookId, rating, title: rating > 3 ? 'Worth it' : 'Not for me', body: 'Read for the benchmark.' } }, { token: customer.token, localAddress: customer.localAddress });
      reviews++;
    });
  }
  return { bookIds, authors, reviews, loans };
}

async function retryUntil(attempt: () => Promise<GraphQLResult<unknown>>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (!result.errors?.length) return;
    if (Date.now() > deadline) throw new Error(`seeding step kept failing: ${JSON.stringify(result.errors)}`);
    await sleep(200);
  }
}

// --- placing orders ----------------------------------------------------------------------------

export const ADDRESS = { line1: '1 Bench Row', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };

/**
 * Every order status change as the orders subgraph broadcasts it (Redis pub/sub channel
 * `<prefix>:order.status_changed`, the feed of the router's subscriptions), with the time this
 * process received it: the end of the saga as any subscriber sees it.
 */
export class OrderStatusFeed {
  private readonly seen = new Map<string, Map<string, { receivedAt: number; at: number }>>();
  private readonly waiters = new Map<string, () => void>();

  private constructor(private readonly redis: Redis) {}

  static async open(stack: BenchStack): Promise<OrderStatusFeed> {
    const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
    const feed = new OrderStatusFeed(redis);
    redis.on('message', (_channel: string, raw: string) => {
      const receivedAt = performance.timeOrigin + performance.now();
      const event = JSON.parse(raw) as { payload: { orderId: string; status: string; at: string } };
      const { orderId, status, at } = event.payload;
      let statuses = feed.seen.get(orderId);
      if (!statuses) feed.seen.set(orderId, (statuses = new Map()));
      statuses.set(status, { receivedAt, at: Date.parse(at) });
      feed.waiters.get(`${orderId}:${status}`)?.();
    });
    await redis.subscribe(`${stack.prefix}:order.status_changed`);
    return feed;
  }

  /** Resolves when `status` of `orderId` was broadcast (at once if it already was). */
  waitFor(orderId: string, status: string, timeoutMs = 60_000): Promise<{ receivedAt: number; at: number }> {
    const known = this.seen.get(orderId)?.get(status);
    if (known) return Promise.resolve(known);
    const key = `${orderId}:${status}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`order ${orderId} not ${status} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        this.waiters.delete(key);
        resolve(this.seen.get(orderId)!.get(status)!);
      });
    });
  }

  /** When `status` of `orderId` was broadcast, if it was. */
  get(orderId: string, status: string): { receivedAt: number; at: number } | undefined {
    return this.seen.get(orderId)?.get(status);
  }

  /** Forgets an order once measured, so a long run holds no more than the orders in flight. */
  forget(orderId: string): void {
    this.seen.delete(orderId);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export interface OrderLoadOptions {
  customers: Customer[];
  bookIds: string[];
  /** Orders in flight at once (closed loop: each slot places the next when its last is AWAITING_PAYMENT). */
  inFlight: number;
  durationSeconds: number;
  /** Unmeasured seconds first, default 0. */
  warmupSeconds?: number;
}

export interface OrderLoadResult {
  /** Orders that reached AWAITING_PAYMENT within the measured window. */
  completed: number;
  /**
   * Orders placed in the measured window, done then or after it: the run waits for them, so this
   * is what the work measured from its start to its return (SQL statements, CPU) was for.
   */
  placed: number;
  ordersPerSecond: number;
  /** placeOrder sent -> AWAITING_PAYMENT received, ms (sorted). */
  latencies: number[];
  /** placeOrder's own HTTP round trip, ms (sorted). */
  placeLatencies: number[];
  /** AWAITING_PAYMENT committed (the event's `at`) -> received on pub/sub, ms (sorted). */
  publishLags: number[];
  /** PENDING committed -> received on pub/sub (the orders relay's first hop), ms (sorted). */
  pendingPublishLags: number[];
  /** PENDING committed -> AWAITING_PAYMENT committed (order.placed relayed, stock reserved, stock.reserved relayed and handled), ms (sorted). */
  reservationTimes: number[];
  /** The orders measured (those `latencies` counts), to look their events up afterwards. */
  orderIds: string[];
  errors: number;
  errorSamples: string[];
}

const PLACE_ORDER = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }';

/** placeOrder's answer for a book the orders subgraph has not heard of (yet): nothing was created. */
function isUnknownBookRefusal(res: GraphQLResult<unknown>): boolean {
  const error = res.errors?.[0];
  return error?.extensions?.['code'] === 'BAD_USER_INPUT' && /^input\.items\[\d+\]\.bookId$/.test(String(error.extensions['field'])) && error.message.includes('names no book');
}

/** The lines of the benchmarks' next order: 1-2 books, one of each, picked by `random`. */
export function orderLines(random: () => number, bookIds: readonly string[]): { bookId: string; quantity: number }[] {
  const lines = 1 + Math.floor(random() * 2);
  const items = Array.from({ length: lines }, (_, j) => ({ bookId: bookIds[(Math.floor(random() * bookIds.length) + j) % bookIds.length]!, quantity: 1 }));
  return items.filter((item, j) => items.findIndex((other) => other.bookId === item.bookId) === j);
}

/** Many customers placing orders at once, each order followed to AWAITING_PAYMENT. */
export async function runOrderLoad(stack: BenchStack, feed: OrderStatusFeed, options: OrderLoadOptions): Promise<OrderLoadResult> {
  const random = prng(7);
  const warmupMs = (options.warmupSeconds ?? 0) * 1000;
  const begin = Date.now();
  const measureFrom = begin + warmupMs;
  const measureTo = measureFrom + options.durationSeconds * 1000;
  const result: OrderLoadResult = { completed: 0, placed: 0, ordersPerSecond: 0, latencies: [], placeLatencies: [], publishLags: [], pendingPublishLags: [], reservationTimes: [], orderIds: [], errors: 0, errorSamples: [] };
  const slot = async (index: number) => {
    const customer = options.customers[index % options.customers.length]!;
    while (Date.now() < measureTo) {
      const unique = orderLines(random, options.bookIds);
      const sentAt = performance.timeOrigin + performance.now();
      try {
        const res = await graphql<{ placeOrder: { id: string } }>(stack.graphqlUrl, PLACE_ORDER, { i: { items: unique, shippingAddress: ADDRESS } }, { token: customer.token, localAddress: customer.localAddress });
        const placedAt = performance.timeOrigin + performance.now();
        // Orders learns the seeded books from the catalog's book.changed events, a moment after
        // createBook: an order refused for a book it has not heard of yet is simply sent again.
        if (isUnknownBookRefusal(res)) {
          await sleep(50);
          continue;
        }
        const orderId = res.data?.placeOrder.id;
        if (!orderId) throw new Error(JSON.stringify(res.errors ?? 'no order'));
        if (sentAt >= measureFrom) result.placed++;
        const awaiting = await feed.waitFor(orderId, 'AWAITING_PAYMENT');
        const pending = feed.get(orderId, 'PENDING');
        feed.forget(orderId);
        if (sentAt >= measureFrom && awaiting.receivedAt <= measureTo) {
          result.completed++;
          result.orderIds.push(orderId);
          result.latencies.push(awaiting.receivedAt - sentAt);
          result.placeLatencies.push(placedAt - sentAt);
          result.publishLags.push(awaiting.receivedAt - awaiting.at);
          if (pending) {
            result.pendingPublishLags.push(pending.receivedAt - pending.at);
            result.reservationTimes.push(awaiting.at - pending.at);
          }
        }
      } catch (error) {
        result.errors++;
        if (result.errorSamples.length < 5) result.errorSamples.push(String(error instanceof Error ? error.message : error).slice(0, 300));
        await sleep(100);
      }
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, (_, i) => slot(i)));
  for (const list of [result.latencies, result.placeLatencies, result.publishLags, result.pendingPublishLags, result.reservationTimes]) list.sort((a, b) => a - b);
  result.ordersPerSecond = result.completed / options.durationSeconds;
  return result;
}

/** The `q` quantile of sorted values (nearest rank), rounded to 0.1. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

