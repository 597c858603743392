import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { ReviewsDependencies } from './deps.js';
import type { ReviewsLoaders } from './loaders.js';

export type ReviewsContext = SubgraphContext<ReviewsDependencies, ReviewsLoaders>;
