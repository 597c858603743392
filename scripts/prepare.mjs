// The root package's `postinstall`: `npm ci` and `npm install` make here what the first `npm start`
// would otherwise make while a person waits (README, The two commands): the embedded bundle
// (scripts/embedded-bundle.mjs, the same check and build as `npm start`), the storefront's web/dist
// (web/site.js, the same check and build as embedded mode) and the seeded PGlite template every
// fresh DATA_DIR starts from (the bundle's `--prepare` mode: no router, nothing left running). The
// storefront builds beside the other two. Whatever is fresh already is skipped, so a later
// `npm install <package>` costs about 2 s (loading the bundle to find the template there).
// It never fails the install: a failure prints one line and exits 0, and `npm start` makes what is
// missing. `npm ci --ignore-scripts` skips it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { embeddedBundle, ensureEmbeddedBundle } from './embedded-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** A preparation still running after this is stopped: an install must end. */
const TEMPLATE_TIMEOUT_MS = 600_000;

async function prepareTemplate() {
  await ensureEmbeddedBundle();
  const child = spawn(process.execPath, [embeddedBundle, '--prepare'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: TEMPLATE_TIMEOUT_MS });
  const [code, signal] = await once(child, 'exit');
  if (code !== 0) throw new Error(`exit ${code ?? signal}`);
}

async function buildStorefront() {
  const { ensureSiteBuilt } = await import(new URL('../web/site.js', import.meta.url).href);
  await ensureSiteBuilt();
}

/** Runs a step to its end, reporting a failure in one line. Resolves to whether it succeeded. */
async function attempt(what, step) {
  try {
    await step();
    return true;
  } catch (error) {
    process.stderr.write(`Preparing ${what} for npm start failed (${error instanceof Error ? error.message : error}); npm start will build it.\n`);
    return false;
  }
}

const started = Date.now();
const done = await Promise.all([attempt('the embedded bundle and the PGlite template', prepareTemplate), attempt('the storefront (web/dist)', buildStorefront)]);
if (!done.includes(false)) process.stdout.write(`Prepared for npm start in ${((Date.now() - started) / 1000).toFixed(1)} s: dist/embedded, web/dist and the PGlite template.\n`);
