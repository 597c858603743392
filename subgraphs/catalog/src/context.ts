import type { Database, RequestContext } from '@bookstore/kit';
import { createLoaders, type CatalogLoaders } from './loaders.js';

export interface CatalogContext extends RequestContext {
  db: Database;
  loaders: CatalogLoaders;
  /** Wakes the outbox relay after a write that announced a change (no-op without one). */
  notifyEvents: () => void;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createCatalogContext(db: Database, base: RequestContext, notifyEvents: () => void): CatalogContext {
  return { ...base, db, loaders: createLoaders(db), notifyEvents };
}
