import type { Database, RateLimits, RequestContext, SubgraphEvents } from '@bookstore/kit';
import { createLoaders, type PaymentsLoaders } from './loaders.js';

export interface PaymentsContext extends RequestContext {
  db: Database;
  /** Writes `payment.succeeded` in the paying transaction and wakes the relay after it commits. */
  events: SubgraphEvents;
  loaders: PaymentsLoaders;
  rateLimits: RateLimits | undefined;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createPaymentsContext(db: Database, events: SubgraphEvents, base: RequestContext, rateLimits?: RateLimits): PaymentsContext {
  return { ...base, db, events, loaders: createLoaders(db), rateLimits };
}
