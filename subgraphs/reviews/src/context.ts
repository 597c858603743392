import type { SubgraphContext } from '@bookstore/kit';
import type { ReviewsDependencies } from './deps.js';
import type { ReviewsLoaders } from './loaders.js';

export type ReviewsContext = SubgraphContext<ReviewsDependencies, ReviewsLoaders>;
