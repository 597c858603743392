import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { OrdersDependencies } from './deps.js';
import type { OrdersLoaders } from './loaders.js';

export type OrdersContext = SubgraphContext<OrdersDependencies, OrdersLoaders>;
