import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

/** The reviews subgraph's own settings: none beyond those every subgraph reads. */
export const reviewsSettings = { port: 4005, schema: z.object({}) } satisfies SubgraphSettings;

/** The reviews process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(reviewsSettings, environment);
}
