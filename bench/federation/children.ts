// Child processes of a benchmark: each started in its own process group, so that stopping it
// reaches its cluster workers too, and every group still alive is killed when the benchmark exits,
// fails or is interrupted (Ctrl-C). No orphans: a gateway left running would skew the next run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ChildOptions {
  /** Shown in errors, e.g. "hive gateway". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Added to the benchmark's own environment. */
  env?: Record<string, string>;
  /** Opens an IPC channel (`process.send` in the child). Default false. */
  ipc?: boolean;
  /** Echo the child's output as it comes. Default false: kept, and printed if the child fails. */
  echo?: boolean;
}

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** The child's stdout and stderr so far (last 200 lines). */
  output(): string;
  /** Resolves at the first output line matching `pattern`; rejects if the child exits first or on timeout. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the first IPC message matching `accept`. */
  waitForMessage<T>(accept: (message: unknown) => T | undefined, timeoutMs?: number): Promise<T>;
  /**
   * SIGTERM to the child, which stops its own workers the way it was built to; SIGKILL to whatever
   * is left of its process group after `graceMs` (default 10 000).
   */
  stop(graceMs?: number): Promise<void>;
}

const groups = new Set<number>();
const exitTasks = new Set<() => void>();
let cleanupInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Kills every group still alive and runs the exit tasks; synchronous, so it can run in an 'exit' handler. */
export function killAllChildren(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const task of exitTasks) {
    try {
      task();
    } catch {
      // best effort: the process is exiting
    }
  }
  exitTasks.clear();
}

/** Runs `task` (synchronous) when the benchmark exits, however it exits; the returned function cancels it. */
export function atExit(task: () => void): () => void {
  installCleanup();
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

/** Once per process: kill the children on exit, on an uncaught error and on SIGINT, SIGTERM, SIGHUP. */
export function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killAllChildren();
      process.exit(130);
    });
  }
  const fail = (error: unknown) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

export function spawnChild(options: ChildOptions): Child {
  installCleanup();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    // Its own process group: `kill(-pid)` then reaches the cluster workers it forks, and a Ctrl-C
    // in the terminal reaches only us, so the order of shutdown is ours to decide.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  const pid = child.pid;
  groups.add(pid);
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const onLine = (line: string) => {
    if (!line) return;
    if (options.echo) console.log(`[${options.name}] ${line}`);
    lines.push(line);
    if (lines.length > 200) lines.shift();
    for (const listener of listeners) listener(line);
  };
  // Chunks split lines anywhere; each stream keeps its unfinished last line for the next chunk.
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      parts.forEach(onLine);
    });
    stream?.on('end', () => onLine(partial));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exitError = () => new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${lines.slice(-30).join('\n')}`);

  const waitFor = <T>(subscribe: (done: (value: T) => void) => () => void, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) return reject(exitError());
      const onExit = () => finish(() => reject(exitError()));
      const timer = setTimeout(() => finish(() => reject(new Error(`${options.name}: no ${what} within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`))), timeoutMs);
      const unsubscribe = subscribe((value) => finish(() => resolve(value)));
      function finish(settle: () => void) {
        clearTimeout(timer);
        unsubscribe();
        child.off('exit', onExit);
        settle();
      }
      child.once('exit', onExit);
    });

  return {
    name: options.name,
    process: child,
    pid,
    output: () => lines.join('\n'),
    waitForLine: (pattern, timeoutMs = 60_000) =>
      waitFor<string>(
        (done) => {
          const found = lines.find((line) => pattern.test(line));
          if (found) {
            queueMicrotask(() => done(found));
            return () => undefined;
          }
          const listener = (line: string) => {
            if (pattern.test(line)) done(line);
          };
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        `line matching ${pattern}`,
        timeoutMs,
      ),
    waitForMessage: <T>(accept: (message: unknown) => T | undefined, timeoutMs = 60_000) =>
      waitFor<T>(
        (done) => {
          const listener = (message: unknown) => {
            const value = accept(message);
            if (value !== undefined) done(value);
          };
          child.on('message', listener);
          return () => child.off('message', listener);
        },
        'ready message',
        timeoutMs,
      ),
    async stop(graceMs = 10_000) {
      if (child.connected) child.disconnect();
      // The leader only: a cluster primary signals its workers itself, and a worker hit by a
      // second signal of ours may exit without draining (or without writing its --cpu-prof).
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const deadline = Date.now() + graceMs;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      while (groupPids(pid).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      killGroup(pid, 'SIGKILL');
      groups.delete(pid);
    },
  };
}

/** A TCP port free on 127.0.0.1 right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let ticksPerSecond: number | undefined;
const clockTicks = () => (ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100);

/** CPU seconds every core of the machine has spent busy since boot (all processes; /proc/stat). */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
  const busy = fields.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  return busy / clockTicks();
}

/**
 * CPU seconds (user + system) used so far by every live process in the process group `pgid`.
 * Linux only. A child started by `spawnChild` leads its own group, cluster workers included.
 */
export function groupCpuSeconds(pgid: number): number {
  // Fields after the parenthesised command: state ppid pgrp session tty tpgid flags minflt
  // cminflt majflt cmajflt utime stime (proc(5)).
  const ticks = groupStats(pgid).reduce((sum, fields) => sum + Number(fields[11]) + Number(fields[12]), 0);
  return ticks / clockTicks();
}

/** Live (not zombie) processes of the process group `pgid`. */
function groupPids(pgid: number): number[] {
  return groupStats(pgid)
    .filter((fields) => fields[0] !== 'Z')
    .map((fields) => Number(fields[fields.length - 1]));
}

/** /proc/<pid>/stat fields after the command name, of every process in group `pgid`, with the pid appended. */
function groupStats(pgid: number): string[][] {
  const found: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
    if (Number(fields[2]) === pgid) found.push([...fields, entry]);
  }
  return found;
}

/** CPU seconds used so far by this process, all threads (autocannon runs here). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
