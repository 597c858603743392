import type { SubgraphContext } from '@bookstore/kit';
import type { SummariesDependencies } from './deps.js';
import type { SummariesLoaders } from './loaders.js';

export type SummariesContext = SubgraphContext<SummariesDependencies, SummariesLoaders>;
