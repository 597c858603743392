import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { SummariesDependencies } from './deps.js';
import type { SummariesLoaders } from './loaders.js';

export type SummariesContext = SubgraphContext<SummariesDependencies, SummariesLoaders>;
