// `npm start`: embedded mode from its esbuild bundle, dist/embedded/main.mjs (scripts/build.ts,
// the same bundle the embedded image runs), built first when it is missing or older than any file
// it is built from (`--for-checkout`: without the image's files, whose default port costs 2 s of
// CPU to find). Plain JavaScript on plain Node, so no loader compiles anything at start:
// loading the bundle costs about half the CPU of loading the sources through tsx (README,
// Performance). The sources still run through tsx in the tests and `npm run seed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'embedded', 'main.mjs');
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
  const built = newestMtime(bundle);
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
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (!isFresh()) {
  await withLock(() => {
    if (isFresh()) return;
    process.stderr.write('Building dist/embedded (missing or older than its sources) ...\n');
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', 'embedded', '--for-checkout'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) {
      process.stderr.write(`Building dist/embedded failed (exit ${build.status ?? build.signal}); its errors are above. \`npx tsx embedded/src/main.ts\` runs the sources directly.\n`);
      process.exit(1);
    }
  });
}
await import(pathToFileURL(bundle).href);
