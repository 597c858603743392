import type { RequestContext } from '@bookstore/kit';
import type { LoansDependencies } from './deps.js';
import { createLoaders, type LoansLoaders } from './loaders.js';

export interface LoansContext extends RequestContext {
  deps: LoansDependencies;
  loaders: LoansLoaders;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createLoansContext(deps: LoansDependencies, base: RequestContext): LoansContext {
  return { ...base, deps, loaders: createLoaders(deps.db) };
}
