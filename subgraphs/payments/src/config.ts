import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

/** The payments subgraph's own settings: none beyond those every subgraph reads. */
export const paymentsSettings = { port: 4004, schema: z.object({}) } satisfies SubgraphSettings;

/** The payments process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(paymentsSettings, environment);
}
