import { parseEnv, subgraphEnvSchema } from '@bookstore/kit';
import type { z } from 'zod';

/** Settings of the catalog subgraph process (services mode); embedded mode passes its own. */
const schema = subgraphEnvSchema(4002);

export type CatalogConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): CatalogConfig {
  return parseEnv(schema, environment);
}
