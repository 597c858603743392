import type { Database, PubSub, SubgraphEvents } from '@bookstore/subgraph-runtime';

export interface OrdersSettings {
  /** How long a customer has to pay once the stock is reserved, in seconds (config PAYMENT_WINDOW_SECONDS, default 900). */
  paymentWindowSeconds: number;
}

/** Everything the orders subgraph needs; built by its descriptor or a test, never from the environment. */
export interface OrdersDependencies {
  /** The orders database, already migrated. */
  db: Database;
  /** Writes the saga's events in the transactions of the changes they report, and relays them. */
  events: SubgraphEvents;
  /**
   * Where the relay announces every status change (`order.status_changed`); the Subscription
   * fields listen here. Redis in services mode, so any replica can serve any subscriber.
   */
  pubsub: PubSub;
  settings: OrdersSettings;
}
