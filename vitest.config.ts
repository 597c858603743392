import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One test command for the whole monorepo (`npm test`). `*.test.ts` files do no I/O; `*.e2e.ts`
// files run against the machine's real PostgreSQL and Redis and real HTTP servers on port 0.
export default defineConfig({
  resolve: {
    // Vite would load graphql's ESM build for our imports while Apollo's CommonJS code loads the
    // CJS one, and graphql refuses schemas from "another realm". Node itself loads one copy.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    // Three projects: `unit` and `web-unit` (the storefront's components in happy-dom, a DOM
    // without a browser) need no I/O and run alone with `npm run test:unit`; `e2e` are the
    // services and the storefront's browser journeys on real servers.
    projects: [
      { extends: true, test: { name: 'unit', include: ['{packages,subgraphs,router,embedded,scripts,web}/**/*.test.ts'], exclude: ['**/node_modules/**', 'web/src/**'] } },
      { extends: true, test: { name: 'web-unit', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', setupFiles: ['web/src/testing/setup.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['{packages,subgraphs,router,embedded,scripts,web}/**/*.e2e.ts'],
          exclude: ['**/node_modules/**', 'web/src/**'],
          // The e2e tests need the real servers: the suite fails, never skips, without them.
          globalSetup: ['packages/testing-base/src/global-setup.ts', 'embedded/test/prepare-templates.ts'],
        },
      },
    ],
    // Generous: CI shares two cores between two test files that each start several processes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machine: argon2 and PGlite are CPU-heavy, so keep file parallelism modest.
    maxWorkers: 2,
    // A worker runs its test files one after another in one module graph instead of importing
    // everything again for each file: the suite spent more time importing (the gateway, PGlite,
    // React; 140 s summed over its files on a quiet machine) than the unit tests took to run
    // (unit project: 83 s to 7 s). Safe because no test file mocks a module, stubs a global or
    // fakes timers, and every file disposes what it starts.
    isolate: false,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
