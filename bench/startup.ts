// npm run bench startup: how long `npm start` takes to a healthy router (GET /health 200 on the
// port its banner prints), as a person runs it, in four situations, BENCH_RUNS times each
// (default 3; median, min, max):
//   fresh clone (after npm ci's preparation)
//                  no DATA_DIR, with what `npm ci`'s postinstall (scripts/prepare.mjs) made from
//                  nothing just before: the dist/embedded bundle, web/dist, the PGlite template
//   fresh clone, nothing prepared (--ignore-scripts)
//                  no dist/embedded bundle, no web/dist, no PGlite template, an empty DATA_DIR:
//                  the bundle's and the storefront's builds and initdb are counted
//   fresh data     the bundle and a template exist (any earlier start on this checkout), an
//                  empty DATA_DIR: `rm -rf .data`, or each embedded test's temporary directory
//   restart        the DATA_DIR the previous start left
// Wall time from spawning `npm start` to a healthy router, then to the storefront served at `/`
// (its Vite build, when there is one, ends after the router answers), and the embedded process's
// own CPU time (its last start-up log line), which a busy machine inflates far less. The
// preparation itself (`node scripts/prepare.mjs`, what npm runs) is timed from nothing and again
// with everything fresh (a later `npm install <package>`): wall time, and the CPU time of it and
// every process it started. Then the phases of the last run of each start (LOG_LEVEL=info), and
// the users subgraph's RSS idle and after its first registration (services mode, its bundle on
// PostgreSQL). Removes dist/embedded and web/dist of this checkout (the next `npm start` or
// `npm ci` rebuilds them). Not part of the test suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../embedded/src/config.js';
import { machineLine, markdownTable, publishSection, round } from './lib/report.js';
import { treeRssMiB } from './lib/rss.js';
import { closeClients, mustGraphql, sleep, startStack } from './lib/stack.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const TIMEOUT_MS = 600_000;

interface Phase {
  phase: string;
  subgraph?: string;
  ms: number;
  cpuMs: number;
}
interface Run {
  wallMs: number;
  /** Until GET / answered 200 (the storefront's build, on a fresh clone, ends after /health). */
  shopMs: number;
  cpuMs: number;
  phases: Phase[];
}

/** `npm start` until its router answers /health; then Ctrl-C to its process group, and the exit. */
async function timeStart(dataDir: string, templatesDir: string): Promise<Run> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, NODE_ENV: 'development', ...freePorts(), DATA_DIR: dataDir, PGLITE_TEMPLATES_DIR: templatesDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    let routerUrl: string | undefined;
    for (;;) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not become healthy:\n${output.slice(-3000)}`);
      routerUrl ??= /Apollo Sandbox and GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(output)?.[1];
      if (routerUrl && (await fetch(`${routerUrl}/health`).then((response) => response.ok, () => false))) break;
      await sleep(25);
    }
    const wallMs = performance.now() - started;
    // Until then / answers 503 (being built).
    while (!(await fetch(`${routerUrl}/`).then((response) => response.status === 200, () => false))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start never served the storefront:\n${output.slice(-3000)}`);
      await sleep(25);
    }
    const shopMs = performance.now() - started;
    const phases = output
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"phase"'))
      .map((line) => JSON.parse(line) as Phase);
    return { wallMs, shopMs, cpuMs: phases.find((phase) => phase.phase === 'total')?.cpuMs ?? NaN, phases };
  } finally {
    await stopGroup(child);
  }
}

/**
 * The postinstall step as npm runs it: wall time, and the CPU time of it and every process it
 * started (Linux: the children's times this process collects as each exits).
 */
async function timePreparation(templatesDir: string): Promise<Run> {
  const before = await childrenCpuMs();
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/prepare.mjs'], { cwd: root, env: { ...process.env, NODE_ENV: 'development', PGLITE_TEMPLATES_DIR: templatesDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await once(child, 'exit');
  const wallMs = performance.now() - started;
  if (!output.includes('Prepared for npm start')) throw new Error(`the preparation failed:\n${output.slice(-3000)}`);
  return { wallMs, shopMs: NaN, cpuMs: (await childrenCpuMs()) - before, phases: [] };
}

/** User and system CPU of this process's waited-for children and theirs (/proc/self/stat cutime + cstime). */
async function childrenCpuMs(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  // The fields after the command name, which may hold spaces: state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const CLOCK_TICKS_PER_SECOND = 100;
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};
const seconds = (ms: number) => round(ms / 1000, 2);

const work = await mkdtemp(join(tmpdir(), 'bench-startup-'));
const PREPARED = 'fresh clone (after npm ci\'s preparation)';
const UNPREPARED = 'fresh clone, nothing prepared (--ignore-scripts)';
const preparations: Record<string, Run[]> = { "npm ci's preparation": [], 'the same, everything fresh (npm install <package>)': [] };
const results: Record<string, Run[]> = { [PREPARED]: [], [UNPREPARED]: [], 'fresh data': [], restart: [] };
/** A fresh clone's checkout: no bundle, no storefront build. */
const removeBuilds = () => Promise.all(['dist/embedded', 'web/dist'].map((path) => rm(join(root, path), { recursive: true, force: true })));
try {
  for (let run = 0; run < runs; run++) {
    const dataDir = join(work, `data-${run}`);
    await removeBuilds();
    const prepared = join(work, `templates-prepared-${run}`);
    preparations["npm ci's preparation"]!.push(await timePreparation(prepared));
    preparations['the same, everything fresh (npm install <package>)']!.push(await timePreparation(prepared));
    results[PREPARED]!.push(await timeStart(dataDir, prepared));
    await rm(dataDir, { recursive: true, force: true });
    await removeBuilds();
    const templates = join(work, `templates-${run}`);
    results[UNPREPARED]!.push(await timeStart(dataDir, templates));
    await rm(dataDir, { recursive: true, force: true });
    results['fresh data']!.push(await timeStart(dataDir, templates));
    results['restart']!.push(await timeStart(dataDir, templates));
    const all = { ...preparations, ...results };
    console.log(`run ${run + 1}/${runs}: ${Object.entries(all).map(([name, list]) => `${name} ${seconds(list.at(-1)!.wallMs)} s`).join(', ')}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

// The users subgraph alone, as its image runs it: RSS once idle, and after the first password check.
const stack = await startStack({ label: 'startup', subgraphs: ['users'], admin: false });
let usersIdle: number;
let usersAfterRegister: number;
try {
  const users = stack.processes.find((p) => p.name === 'users')!;
  await sleep(3_000);
  usersIdle = await treeRssMiB(users.pid);
  await mustGraphql(stack.graphqlUrl, 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', {
    i: { email: 'startup-bench@example.com', username: 'startup_bench', password: 'a long and unguessable passphrase 7' },
  });
  await sleep(3_000);
  usersAfterRegister = await treeRssMiB(users.pid);
} finally {
  closeClients();
  await stack.stop();
}

const rows = Object.entries({ ...preparations, ...results }).map(([name, list]) => {
  const wall = stats(list.map((run) => run.wallMs));
  const cpu = stats(list.map((run) => run.cpuMs));
  const shop = stats(list.map((run) => run.shopMs));
  return [name, seconds(wall.median), seconds(wall.min), seconds(wall.max), seconds(cpu.median), Number.isNaN(shop.median) ? '-' : seconds(shop.median)];
});
const phaseNames = [...new Set(Object.values(results).flatMap((list) => list.at(-1)!.phases.filter((p) => !p.subgraph).map((p) => p.phase)))];
const phaseRows = phaseNames.map((phase) => [
  phase,
  ...Object.values(results).map((list) => {
    const found = list.at(-1)!.phases.find((p) => p.phase === phase && !p.subgraph);
    return found ? `${seconds(found.ms)} / ${seconds(found.cpuMs)}` : '-';
  }),
]);

await publishSection(
  'startup',
  [
    '## startup',
    '',
    machineLine(),
    `\`npm start\` to a healthy router (GET /health 200), ${runs} runs each; wall seconds, the embedded process's CPU seconds (median), and the wall seconds until GET / served the storefront (median; on a fresh clone its Vite build ends after the router answers). npm ci's preparation: \`node scripts/prepare.mjs\` (the postinstall npm runs) on a checkout without dist/embedded, web/dist and a PGlite template, then again with all three fresh; its CPU is that of every process it ran. Fresh clone after it: that preparation's outputs, no DATA_DIR. Fresh clone, nothing prepared: no dist/embedded, no web/dist, no PGlite template, empty DATA_DIR (the builds and initdb are counted). Fresh data: bundle and template present, empty DATA_DIR. Restart: the DATA_DIR left by the previous start.`,
    '',
    markdownTable(['start', 'wall median (s)', 'min', 'max', 'CPU median (s)', 'storefront at / (s)'], rows),
    '',
    'Phases of the last run of each, wall / CPU seconds (`LOG_LEVEL=info npm start` logs them; "modules loaded" counts from the process start):',
    '',
    markdownTable(['phase', ...Object.keys(results)], phaseRows),
    '',
    `users subgraph alone (services mode, its bundle, PostgreSQL): RSS ${round(usersIdle)} MiB idle, ${round(usersAfterRegister)} MiB after its first registration (zxcvbn's dictionaries load on the first password checked).`,
  ].join('\n'),
);
