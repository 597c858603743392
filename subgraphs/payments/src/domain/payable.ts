import { ConflictError, NotFoundError, UnreachableCaseError } from '@bookstore/server-core';
import type { PayableState } from './types.js';

/** An order as the `order.*` events described it to payments. */
export interface PayableOrder {
  orderId: string;
  customerId: string;
  /** Null only for an order cancelled before payments heard it was awaiting payment. */
  amountCents: number | null;
  currency: string | null;
  state: PayableState;
}

export interface AmountDue {
  amountCents: number;
  currency: string;
}

/**
 * What `customerId` must pay for the order, or why they cannot. Another customer's order is
 * NOT_FOUND, like an unknown one, so order ids cannot be probed.
 */
export function amountDue(order: PayableOrder | undefined, orderId: string, customerId: string): AmountDue {
  if (!order || order.customerId !== customerId) throw new NotFoundError(`Order ${orderId}`);
  switch (order.state) {
    case 'AWAITING':
      // The payable_orders_amount_known constraint guarantees both for AWAITING rows.
      return { amountCents: order.amountCents!, currency: order.currency! };
    case 'PAID':
      throw new ConflictError(`Order ${orderId} is already paid.`, 'input.orderId');
    case 'CANCELLED':
      throw new ConflictError(`Order ${orderId} was cancelled, so it can no longer be paid.`, 'input.orderId');
    default:
      throw new UnreachableCaseError(order.state);
  }
}
