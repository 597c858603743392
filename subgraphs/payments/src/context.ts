import type { SubgraphContext } from '@bookstore/subgraph-runtime';
import type { PaymentsDependencies } from './deps.js';
import type { PaymentsLoaders } from './loaders.js';

export type PaymentsContext = SubgraphContext<PaymentsDependencies, PaymentsLoaders>;
