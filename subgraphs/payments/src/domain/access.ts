import type { Viewer } from '@bookstore/server-core';

/** API.md: a payment is visible to the customer who made it and to ADMINs. */
export function mayViewPaymentsOf(viewer: Viewer, customerId: string): boolean {
  return viewer.role === 'ADMIN' || viewer.id === customerId;
}
