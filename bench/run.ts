// npm run bench [name ...]: runs each benchmark in its own process, one after another, so one's
// memory and warm caches never colour the next. Each prints its table and rewrites its own
// section of bench/RESULTS.md. Not part of the test suite: timings on a shared machine are noisy.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ALL = ['federation', 'router-overhead', 'read-path', 'order-pipeline', 'memory', 'subscriptions', 'web', 'search', 'startup'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !ALL.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
let failed = 0;
for (const name of chosen.length > 0 ? chosen : ALL) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
