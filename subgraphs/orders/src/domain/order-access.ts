import { ForbiddenError, requireViewer, UnauthenticatedError, type Viewer } from '@bookstore/server-core';
import { isUuid } from '@bookstore/subgraph-runtime';

/** API.md: an order is its customer's and the ADMINs' business, nobody else's. */
export function requireOrderAccess(viewer: Viewer | null, order: { customerId: string }): Viewer {
  const caller = requireViewer(viewer);
  if (caller.id.toLowerCase() !== order.customerId && caller.role !== 'ADMIN') {
    throw new ForbiddenError('Only the customer who placed this order, or an ADMIN, can see or change it.');
  }
  return caller;
}

/** Orders belong to users of the users subgraph, whose ids are UUIDs; a token naming anything else names no customer. */
export function customerIdOf(viewer: Viewer | null): string {
  const caller = requireViewer(viewer);
  if (!isUuid(caller.id)) throw new UnauthenticatedError('The access token does not name a user account.');
  return caller.id.toLowerCase();
}
