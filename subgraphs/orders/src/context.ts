import type { SubgraphContext } from '@bookstore/kit';
import type { OrdersDependencies } from './deps.js';
import type { OrdersLoaders } from './loaders.js';

export type OrdersContext = SubgraphContext<OrdersDependencies, OrdersLoaders>;
