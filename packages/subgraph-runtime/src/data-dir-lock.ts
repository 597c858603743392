import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

// One directory of PGlite data, one process. PGlite is PostgreSQL in this process's memory over
// files: a second process on the same directory starts fine, sees only its own writes, and the
// two overwrite each other's files (issue 11, item 8). PostgreSQL itself guards its data
// directory with postmaster.pid and a pid check; this does the same beside the directory: a
// lock file made atomically (a fully written file hard-linked into place, so it never exists
// half written) naming the holder. A holder that died (kill -9, a crash) leaves the file behind;
// the next start sees that its pid is gone, or now belongs to a process that started later,
// and takes the lock over. Node has no flock(2), and the maintained lockfile packages judge
// staleness by mtime, which would block a restart for their whole stale period after a crash
// and break the lock while PGlite's synchronous work stalls the event loop.

/** Who holds a directory: what a second start prints. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  since: string;
  /** Where the holder serves, once it listens (the router's URL in embedded mode). */
  url?: string;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  processStart?: string;
}

export interface DirectoryLock {
  /** The lock file, beside the directory: `<dir>.lock`. */
  readonly file: string;
  /** Records where this process serves, for the message a second start prints. */
  describe(details: { url: string }): Promise<void>;
  /** Removes the lock file if it is still this process's; idempotent. */
  release(): Promise<void>;
}

/** Thrown at start when another live process holds the directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly directory: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.url ? `, serving ${holder.url}` : '';
    const self = holder.pid === process.pid ? ' (this process)' : '';
    super(
      `${directory} is in use by another bookstore process: pid ${holder.pid}${self} on ${holder.hostname}${where}, since ${holder.since}. ` +
        'Two processes on one data directory would each see only their own writes and lose data. Stop that process first, or set DATA_DIR to another directory.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Lock files this process holds: a second open of one directory in the same process is refused too. */
const heldHere = new Set<string>();
/** How long a takeover of a stale lock may take before another start assumes its taker died; in ms. */
const TAKEOVER_TIMEOUT_MS = 10_000;

/** Takes `<dir>.lock` for this process, or throws DataDirInUseError naming the live holder. */
export async function lockDirectory(directory: string): Promise<DirectoryLock> {
  const file = `${directory}.lock`;
  const mine: LockHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), ...optional('processStart', processStart(process.pid)) };
  if (heldHere.has(file)) throw new DataDirInUseError(directory, mine);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, JSON.stringify(mine), { mode: 0o644 });
  try {
    const deadline = Date.now() + 2 * TAKEOVER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      try {
        await link(draft, file); // atomic: fails with EEXIST while a lock file exists
        heldHere.add(file);
        return handle(file, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readFile(file, 'utf8').catch(ifMissing(undefined));
      if (text === undefined) continue; // released meanwhile
      const holder = parseHolder(text);
      if (holder && isAlive(holder)) throw new DataDirInUseError(directory, holder);
      await removeStale(file, text);
    }
    throw new Error(`Could not lock ${directory}: another start kept taking over its stale lock file ${file}.`);
  } finally {
    await rm(draft, { force: true });
  }
}

function handle(file: string, mine: LockHolder): DirectoryLock {
  let current = mine;
  const ours = async () => parseHolder((await readFile(file, 'utf8').catch(ifMissing(''))) ?? '')?.since === mine.since && heldHere.has(file);
  return {
    file,
    async describe(details) {
      if (!(await ours())) return;
      current = { ...current, ...details };
      const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(draft, JSON.stringify(current), { mode: 0o644 });
      await rename(draft, file); // atomic replace: a reader sees the old record or the new one
    },
    async release() {
      if (await ours()) await rm(file, { force: true });
      heldHere.delete(file);
    },
  };
}

/**
 * Removes a lock file whose holder is gone, if it still holds exactly what was judged stale.
 * Takeovers run one at a time (a directory made with mkdir, which is atomic), so two starts
 * after a crash cannot both remove the old file and then one of them the other's new one.
 */
async function removeStale(file: string, staleText: string): Promise<void> {
  const mutex = `${file}.takeover`;
  try {
    await mkdir(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - ((await stat(mutex).catch(ifMissing(undefined)))?.mtimeMs ?? Date.now());
    if (age > TAKEOVER_TIMEOUT_MS) await rm(mutex, { recursive: true, force: true }); // its taker died mid-takeover
    await sleep(50);
    return;
  }
  try {
    if ((await readFile(file, 'utf8').catch(ifMissing(undefined))) === staleText) await rm(file, { force: true });
  } finally {
    await rmdir(mutex).catch(ifMissing(undefined));
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0 ? { hostname: '?', since: '?', ...value, pid: value.pid } : undefined;
  } catch {
    return undefined; // not ours, or damaged: nobody can be named, so nobody holds it
  }
}

/** Whether the process that wrote `holder` still runs. */
function isAlive(holder: LockHolder): boolean {
  // Our own pid on a file we do not hold: written by an earlier process that had this pid
  // (a restarted container's pid 1).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0); // signal 0 only checks that the process exists
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: gone
  }
  // The pid exists; on Linux, a process that started after the holder only reuses its number.
  const start = processStart(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), where there is one. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}
