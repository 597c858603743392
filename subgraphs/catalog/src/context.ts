import type { SubgraphContext } from '@bookstore/kit';
import type { CatalogDependencies } from './deps.js';
import type { CatalogLoaders } from './loaders.js';

export type CatalogContext = SubgraphContext<CatalogDependencies, CatalogLoaders>;
