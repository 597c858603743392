import { parseEnv, subgraphEnvSchema } from '@bookstore/kit';
import { z } from 'zod';

/** Settings of the orders subgraph process (services mode); embedded mode passes its own. */
const schema = subgraphEnvSchema(4003).extend({
  /** Seconds a customer has to pay once the stock is reserved before the order is cancelled; default 900 (15 minutes). */
  PAYMENT_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
});

export type OrdersConfig = z.infer<typeof schema>;

export function loadConfig(environment: Record<string, string | undefined> = process.env): OrdersConfig {
  return parseEnv(schema, environment);
}
