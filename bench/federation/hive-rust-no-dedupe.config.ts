// Hive Gateway with the Rust query planner and executor of Hive Router (@graphql-hive/router-runtime)
// and without its merging of identical in-flight subgraph requests, for the federation benchmark's
// like-for-like rows (see hive-no-dedupe.config.ts). The default row of the same runtime uses the
// CLI's --hive-router-runtime flag instead.
// https://the-guild.dev/graphql/hive/docs/gateway/other-features/rust-query-planner
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export const gatewayConfig = defineConfig({
  unifiedGraphHandler,
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
});
