// `npm start`: embedded mode from its esbuild bundle, dist/embedded/main.cjs (scripts/build.ts
// --for-checkout: the code the embedded image runs, as CommonJS), built first when it is missing or
// older than any file it is built from (scripts/embedded-bundle.mjs; `npm ci` builds it already,
// scripts/prepare.mjs). Plain JavaScript on plain Node, so no loader compiles anything at start:
// loading the bundle costs about half the CPU of loading the sources through tsx (README,
// Performance). The sources still run through tsx in the tests and `npm run seed`.
import { createRequire } from 'node:module';
import process from 'node:process';
import { embeddedBundle, ensureEmbeddedBundle } from './embedded-bundle.mjs';

try {
  await ensureEmbeddedBundle();
} catch (error) {
  process.stderr.write(`${error.message} \`npx tsx embedded/src/main.ts\` runs the sources directly.\n`);
  process.exit(1);
}
// require, not import(): importing CommonJS from an ES module first scans its 1 MB for export names.
createRequire(import.meta.url)(embeddedBundle);
