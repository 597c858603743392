import { parseEnv, subgraphEnvSchema } from '@bookstore/kit';
import type { z } from 'zod';

/** Settings of the payments subgraph process (services mode); embedded mode passes its own. */
const schema = subgraphEnvSchema(4004);

export type PaymentsConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): PaymentsConfig {
  return parseEnv(schema, environment);
}
