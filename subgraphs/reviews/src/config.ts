import { parseEnv, subgraphEnvSchema } from '@bookstore/kit';
import type { z } from 'zod';

/** Settings of the reviews subgraph process (services mode); embedded mode passes its own. */
const schema = subgraphEnvSchema(4005);

export type ReviewsConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): ReviewsConfig {
  return parseEnv(schema, environment);
}
