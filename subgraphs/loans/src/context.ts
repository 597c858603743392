import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { LoansDependencies } from './deps.js';
import type { LoansLoaders } from './loaders.js';

export type LoansContext = SubgraphContext<LoansDependencies, LoansLoaders>;
