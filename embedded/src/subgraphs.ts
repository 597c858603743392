import { catalogSubgraph } from '@bookstore/catalog-subgraph';
import type { SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { loansSubgraph } from '@bookstore/loans-subgraph';
import { ordersSubgraph } from '@bookstore/orders-subgraph';
import { paymentsSubgraph } from '@bookstore/payments-subgraph';
import { reviewsSubgraph } from '@bookstore/reviews-subgraph';
import { summariesSubgraph } from '@bookstore/summaries-subgraph';
import { usersSubgraph } from '@bookstore/users-subgraph';

/**
 * The subgraphs embedded mode runs, in start order: users first, since the others verify tokens
 * against its key set. A new subgraph is one more line here (README, "Adding a subgraph").
 */
export const subgraphs: readonly SubgraphDescriptor[] = [usersSubgraph, catalogSubgraph, ordersSubgraph, paymentsSubgraph, reviewsSubgraph, loansSubgraph, summariesSubgraph];

/** A subgraph's port variable in embedded mode: USERS_PORT, CATALOG_PORT, ... */
export function portVariableOf(descriptor: Pick<SubgraphDescriptor, 'name'>): string {
  return `${descriptor.name.toUpperCase()}_PORT`;
}
