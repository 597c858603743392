// Hive Gateway configuration for the "upstream dedupe off" run of the federation benchmark
// (`hive-gateway -c bench/federation/hive-no-dedupe.config.ts supergraph ...`). By default Hive
// merges identical in-flight subgraph requests into one, which on a load of 50 identical queries
// saves most subgraph calls; @apollo/gateway and our router do not, so this run compares like with like.
// https://the-guild.dev/graphql/hive/docs/gateway/other-features/performance/deduplicate-request
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
});
