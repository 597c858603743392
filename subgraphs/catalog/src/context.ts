import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { CatalogDependencies } from './deps.js';
import type { CatalogLoaders } from './loaders.js';

export type CatalogContext = SubgraphContext<CatalogDependencies, CatalogLoaders>;
