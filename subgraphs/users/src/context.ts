import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { UsersDependencies } from './deps.js';
import type { UsersLoaders } from './loaders.js';

export type UsersContext = SubgraphContext<UsersDependencies, UsersLoaders>;
