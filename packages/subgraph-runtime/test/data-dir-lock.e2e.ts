import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDirectory } from '../src/data-dir-lock.js';
import { startChild, type ChildService } from '@bookstore/testing-base';

// One data directory, one process: real processes hold and die, on the real filesystem.
const holdLock = fileURLToPath(new URL('./fixtures/hold-lock.ts', import.meta.url));
let root: string;
let directory: string;
const children: ChildService[] = [];

beforeEach(async () => {
  root ??= await mkdtemp(join(tmpdir(), 'data-dir-lock-'));
  directory = join(root, `data-${children.length}-${Date.now()}`);
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill()));
  if (root) await rm(root, { recursive: true, force: true });
});

function hold(url?: string): ChildService {
  const child = startChild(process.execPath, ['--import', 'tsx', holdLock, directory, ...(url ? [url] : [])]);
  children.push(child);
  return child;
}

async function exitCode(child: ChildService): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) await once(child.process, 'exit');
  return child.process.exitCode;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('data directory lock', () => {
  it('refuses a second process while the first lives, naming its pid and URL', async () => {
    const first = hold('http://127.0.0.1:4321/graphql');
    await first.waitFor(/locked by/);
    const error = await lockDirectory(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as Error).message).toContain(`${directory} is in use by another bookstore process: pid ${first.process.pid} on ${hostname()}, serving http://127.0.0.1:4321/graphql`);
    const second = hold();
    await second.waitFor(/refused: .*pid \d+/);
    expect(await exitCode(second)).toBe(1);
    // The first still holds it, and gives it up on a clean stop.
    expect(JSON.parse(await readFile(`${directory}.lock`, 'utf8')).pid).toBe(first.process.pid);
    expect(await first.stop()).toBe(0);
    expect(await exists(`${directory}.lock`)).toBe(false);
  });

  it('is taken over once its holder was killed with SIGKILL', async () => {
    const first = hold();
    await first.waitFor(/locked by/);
    await first.kill();
    expect(await exists(`${directory}.lock`)).toBe(true); // left behind
    const lock = await lockDirectory(directory);
    expect(JSON.parse(await readFile(lock.file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(await exists(lock.file)).toBe(false);
  });

  it.each([
    ['a pid that is gone', () => ({ pid: spawnSync('true').pid, hostname: hostname(), since: new Date().toISOString() })],
    ["this process's own pid (an earlier process had it: a restarted container's pid 1)", () => ({ pid: process.pid, hostname: hostname(), since: new Date().toISOString() })],
    ['a live pid that started after the holder (reused)', () => ({ pid: process.ppid, hostname: hostname(), since: new Date().toISOString(), processStart: '1' })],
    ['a damaged file', () => 'not json'],
  ])('does not block on a stale lock file: %s', async (_name, content) => {
    const value = content();
    await writeFile(`${directory}.lock`, typeof value === 'string' ? value : JSON.stringify(value));
    const lock = await lockDirectory(directory);
    await lock.release();
  });

  it('refuses a second open of one directory in the same process', async () => {
    const lock = await lockDirectory(directory);
    await expect(lockDirectory(directory)).rejects.toThrow(/\(this process\)/);
    await lock.release();
    await (await lockDirectory(directory)).release();
  });

  it('lets exactly one of several simultaneous starts take over a stale lock', async () => {
    await writeFile(`${directory}.lock`, JSON.stringify({ pid: spawnSync('true').pid, hostname: hostname(), since: new Date().toISOString() }));
    const starts = Array.from({ length: 4 }, () => hold());
    const outcomes = await Promise.all(starts.map((child) => child.waitFor(/locked by|refused:|failed:/, 60_000).then((match) => match[0])));
    expect(outcomes.filter((outcome) => outcome === 'locked by')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'refused:')).toHaveLength(3);
    await Promise.all(starts.map((child) => child.stop()));
  });
});
