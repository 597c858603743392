import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One test command for the whole monorepo (`npm test`), in two projects: `unit`, the `*.test.ts`
// files, which do no I/O (`npm run test:unit`, seconds), and `e2e`, the `*.e2e.ts` files, which run
// against the machine's real PostgreSQL and Redis and real HTTP servers on port 0.
export default defineConfig({
  resolve: {
    // Vite would load graphql's ESM build for our imports while Apollo's CommonJS code loads the
    // CJS one, and graphql refuses schemas from "another realm". Node itself loads one copy.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['{packages,subgraphs,router,embedded,scripts}/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['{packages,subgraphs,router,embedded,scripts}/**/*.e2e.ts'],
          // The e2e tests need the real servers: the suite fails, never skips, without them.
          globalSetup: ['packages/kit/src/testing/global-setup.ts'],
        },
      },
    ],
    exclude: ['**/node_modules/**'],
    // Generous: CI shares two cores between two test files that each start several processes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machine: argon2 and PGlite are CPU-heavy, so keep file parallelism modest.
    maxWorkers: 2,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
