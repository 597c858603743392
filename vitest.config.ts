import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One test command for the whole monorepo. `*.test.ts` files do no I/O; `*.e2e.ts` files run
// against the machine's real PostgreSQL and Redis and real HTTP servers on port 0.
export default defineConfig({
  resolve: {
    // Vite would load graphql's ESM build for our imports while Apollo's CommonJS code loads the
    // CJS one, and graphql refuses schemas from "another realm". Node itself loads one copy.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    // Two projects, one command: the services and the storefront's browser journeys in Node;
    // the storefront's components in happy-dom (a DOM without a browser).
    projects: [
      { extends: true, test: { name: 'node', include: ['{packages,subgraphs,router,embedded,scripts,web}/**/*.{test,e2e}.ts'], exclude: ['**/node_modules/**', 'web/src/**'] } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', setupFiles: ['web/src/testing/setup.ts'] } },
    ],
    // Generous: CI shares two cores between two test files that each start several processes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machine: argon2 and PGlite are CPU-heavy, so keep file parallelism modest.
    maxWorkers: 2,
    globalSetup: ['packages/kit/src/testing/global-setup.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
