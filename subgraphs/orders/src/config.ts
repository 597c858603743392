import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';
import type { OrdersSettings } from './deps.js';

/** The orders subgraph's own settings, read alike in services mode and embedded mode. */
export const ordersSettings = {
  port: 4003,
  schema: z.object({
    /** Seconds a customer has to pay once the stock is reserved before the order is cancelled; default 900 (15 minutes). */
    PAYMENT_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  }),
} satisfies SubgraphSettings;

/** The orders process's configuration in services mode: the shared settings and its own. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(ordersSettings, environment);
}

export function ordersSettingsOf(settings: z.infer<typeof ordersSettings.schema>): OrdersSettings {
  return { paymentWindowSeconds: settings.PAYMENT_WINDOW_SECONDS };
}
