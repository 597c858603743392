import type { SubgraphContext } from '@bookstore/kit';
import type { PaymentsDependencies } from './deps.js';
import type { PaymentsLoaders } from './loaders.js';

export type PaymentsContext = SubgraphContext<PaymentsDependencies, PaymentsLoaders>;
