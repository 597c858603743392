import type { Logger, RateLimits } from '@bookstore/server-core';
import type { Database, SubgraphEvents } from '@bookstore/subgraph-runtime';

/** Everything the payments subgraph needs; built by its descriptor or a test, never from the environment. */
export interface PaymentsDependencies {
  /** The payments database, already migrated. */
  db: Database;
  /** Writes `payment.succeeded` and `payment.refunded` in the transactions that cause them, and relays them. */
  events: SubgraphEvents;
  /** Throttles payOrder per account and per address; none in tests that do not exercise it. */
  rateLimits?: RateLimits;
  /** Where the saga's refunds are recorded for operators. */
  logger: Logger;
}
