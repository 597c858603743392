import type { Database, RequestContext, SubgraphEvents } from '@bookstore/kit';
import type { SummaryProvider } from './domain/summary-provider.js';
import { createLoaders, type SummariesLoaders } from './loaders.js';

export interface SummariesContext extends RequestContext {
  db: Database;
  /** Writes `summary.requested` in the requesting transaction and wakes the relay after it commits. */
  events: Pick<SubgraphEvents, 'write' | 'notify'>;
  /** The process's provider: `summarizeText` calls it directly. */
  provider: SummaryProvider;
  loaders: SummariesLoaders;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createSummariesContext(deps: Pick<SummariesContext, 'db' | 'events' | 'provider'>, base: RequestContext): SummariesContext {
  return { ...base, ...deps, loaders: createLoaders(deps.db) };
}
