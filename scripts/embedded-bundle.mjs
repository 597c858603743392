// The checkout's embedded bundle, dist/embedded/main.cjs (scripts/build.ts `--for-checkout`), built
// when it is missing or older than any file it is built from. Shared by `npm start`
// (scripts/start.mjs) and the install's preparation (scripts/prepare.mjs), so both agree on when
// it is stale. Plain JavaScript: both run on plain Node, before anything could compile TypeScript.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The bundle `npm start` runs: CommonJS (scripts/build.ts, bundleFile). */
export const embeddedBundle = join(root, 'dist', 'embedded', 'main.cjs');
/**
 * What the bundle is built from: our code, the files copied beside it, the installed packages. Not
 * web/: the storefront is built and served by the running process (embedded/src/storefront.ts),
 * and its build writing web/dist would otherwise make this bundle look stale to the next start.
 */
const inputs = ['packages', 'subgraphs', 'router', 'embedded', 'supergraph.graphql', 'package-lock.json', 'scripts/build.ts'];
/** Never read by the build: installed packages, outputs, data, tests. */
const skipped = new Set(['node_modules', 'dist', 'test', 'coverage']);
const lock = join(root, 'dist', 'embedded.lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 300_000;

function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (skipped.has(entry) || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh() {
  const built = newestMtime(embeddedBundle);
  return built > 0 && built >= Math.max(...inputs.map((input) => newestMtime(join(root, input))));
}

/** One build at a time: a second `npm start` (another DATA_DIR) waits for the first one's. */
async function withLock(work) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const held = newestMtime(lock);
      if (held > 0 && Date.now() - held > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the bundle unless it is fresh; esbuild's errors go to stderr. Rejects when the build
 * fails. Resolves to whether it built.
 * @returns {Promise<boolean>}
 */
export async function ensureEmbeddedBundle() {
  if (isFresh()) return false;
  let built = false;
  await withLock(async () => {
    if (isFresh()) return;
    process.stderr.write('Building dist/embedded (missing or older than its sources) ...\n');
    // Not spawnSync: the install's preparation builds the storefront meanwhile.
    const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts', 'embedded', '--for-checkout'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const [code, signal] = await once(build, 'exit');
    if (code !== 0) throw new Error(`Building dist/embedded failed (exit ${code ?? signal}); its errors are above.`);
    built = true;
  });
  return built;
}
