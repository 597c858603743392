// The storefront's built files for the router's host to serve (embedded mode): web/dist, built
// with Vite when missing or older than its sources, so `npm start` on a fresh clone
// serves the shop without a separate build step. Plain JavaScript (types in site.d.ts): the
// embedded bundle `npm start` runs on plain Node imports it from the checkout, where it could not
// import TypeScript.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where the built storefront is. */
export const siteDir = join(webRoot, 'dist');
const lockDir = `${siteDir}.lock`;
/** What the build reads: a change to any of these makes dist stale. */
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'];
/** The niceness of a build in the background (0 is normal, 19 the lowest). */
const BACKGROUND_PRIORITY = 10;
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 120_000;

/** @param {string} path @returns {Promise<number>} */
async function newestMtime(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** @returns {Promise<boolean>} */
async function isFresh() {
  const built = await stat(join(siteDir, 'index.html')).catch(() => undefined);
  if (!built) return false;
  const newest = Math.max(...(await Promise.all(sources.map((source) => newestMtime(join(webRoot, source))))));
  return built.mtimeMs >= newest;
}

/**
 * One build at a time across processes (parallel test files each start an embedded stack).
 * @param {() => Promise<void>} work
 */
async function withLock(work) {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const held = await stat(lockDir).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(lockDir, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** This process's build under way: a process exiting meanwhile (process.exit after a stop) abandons it. */
let underway = /** @type {{ child: import('node:child_process').ChildProcess, outDir: string } | undefined} */ (undefined);

/**
 * `vite build` in a process of its own with NODE_ENV=production: Vite makes a development build
 * (React's development runtime, three times the size) when the caller's NODE_ENV says otherwise,
 * as vitest's `test` does, and the embedded process need not hold Vite in memory afterwards.
 * @param {string} outDir
 * @param {boolean} background
 */
async function viteBuild(outDir, background) {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: webRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  underway = { child, outDir };
  process.on('exit', abandon);
  // Linux gives the priority to the thread with that id, and every thread it starts afterwards
  // inherits it: Vite's own threads start once Node has, well after this.
  if (background && child.pid !== undefined) {
    try {
      setPriority(child.pid, BACKGROUND_PRIORITY);
    } catch {
      // Refused (or the build already ended): it only competes with the start for the CPU.
    }
  }
  try {
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`The storefront's build (vite build in ${webRoot}) failed with exit code ${code}; its output is above.`);
  } finally {
    underway = undefined;
    process.off('exit', abandon);
  }
}

/**
 * Kills the build and removes its staging folder and the lock, synchronously (an exit handler):
 * otherwise Vite finishes into a folder nobody moves, and the next start waits STALE_LOCK_MS for a
 * lock nobody holds.
 */
function abandon() {
  if (!underway) return;
  underway.child.kill();
  rmSync(underway.outDir, { recursive: true, force: true });
  rmSync(lockDir, { recursive: true, force: true });
}

/**
 * web/dist, built first when missing or stale. Returns its path.
 * @param {(message: string) => void} [log]
 * @param {{ background?: boolean }} [options] see site.d.ts
 * @returns {Promise<string>}
 */
export async function ensureSiteBuilt(log = () => undefined, options = {}) {
  if (await isFresh()) return siteDir;
  await withLock(async () => {
    if (await isFresh()) return;
    log('Building the storefront (web/dist) ...');
    const started = Date.now();
    // Built beside, then moved into place: a server reading dist never sees half a build.
    const staging = `${siteDir}.${process.pid}.tmp`;
    try {
      await viteBuild(staging, options.background ?? false);
      await rm(siteDir, { recursive: true, force: true });
      await rename(staging, siteDir);
    } finally {
      // A failed build (or one whose Vite was stopped with the start, Ctrl+C) leaves nothing behind.
      await rm(staging, { recursive: true, force: true });
    }
    log(`Built the storefront in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
  if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`The storefront build left no ${join(siteDir, 'index.html')}.`);
  return siteDir;
}
