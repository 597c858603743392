import type { RequestContext } from '@bookstore/kit';
import type { OrdersDependencies } from './deps.js';
import { createLoaders, type OrdersLoaders } from './loaders.js';

export interface OrdersContext extends RequestContext {
  deps: OrdersDependencies;
  loaders: OrdersLoaders;
}

/** Fresh loaders per request, so batches and caches never leak between callers. */
export function createOrdersContext(deps: OrdersDependencies, base: RequestContext): OrdersContext {
  return { ...base, deps, loaders: createLoaders(deps.db) };
}
