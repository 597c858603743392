import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

/** The catalog subgraph's own settings: none beyond those every subgraph reads. */
export const catalogSettings = { port: 4002, schema: z.object({}) } satisfies SubgraphSettings;

/** The catalog process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(catalogSettings, environment);
}
