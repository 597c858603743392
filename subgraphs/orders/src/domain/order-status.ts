import { UnreachableCaseError } from '@bookstore/server-core';

/** GraphQL `OrderStatus`, in the order an order normally moves through them. */
export const ORDER_STATUSES = ['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What moves an order on: an event of the saga, the payment clock, the customer or an ADMIN. */
export type OrderAction = 'reserveStock' | 'rejectStock' | 'confirmPayment' | 'expirePaymentWindow' | 'cancel' | 'ship' | 'deliver' | 'refund';

interface Transition {
  /** The statuses the action applies to; from any other it is refused (or, for events, ignored). */
  from: readonly OrderStatus[];
  to: OrderStatus;
}

/**
 * Every allowed status change, and nothing else (DESIGN.md, Events). Nobody cancels an order
 * once it has shipped: the books have left, so it is a return, not a cancellation.
 *
 * A full refund (payments' `payment.refunded`) ends a paid order wherever its books are: PAID,
 * SHIPPED or DELIVERED all become REFUNDED, which can no longer ship or be delivered; the history
 * keeps how far it got. A CANCELLED order stays CANCELLED: its refund is the cancellation's own.
 */
const TRANSITIONS: { readonly [A in OrderAction]: Transition } = {
  reserveStock: { from: ['PENDING'], to: 'AWAITING_PAYMENT' },
  rejectStock: { from: ['PENDING'], to: 'REJECTED' },
  confirmPayment: { from: ['AWAITING_PAYMENT'], to: 'PAID' },
  expirePaymentWindow: { from: ['AWAITING_PAYMENT'], to: 'CANCELLED' },
  cancel: { from: ['PENDING', 'AWAITING_PAYMENT', 'PAID'], to: 'CANCELLED' },
  ship: { from: ['PAID'], to: 'SHIPPED' },
  deliver: { from: ['SHIPPED'], to: 'DELIVERED' },
  refund: { from: ['PAID', 'SHIPPED', 'DELIVERED'], to: 'REFUNDED' },
};

/** The status `action` moves an order in status `from` to, or null when it does not apply. */
export function nextStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(from) ? transition.to : null;
}

/** The statuses `action` applies to, for messages that say what would have been allowed. */
export function statusesAllowing(action: OrderAction): readonly OrderStatus[] {
  return TRANSITIONS[action].from;
}

/**
 * The statuses in which the customer may still change where the books go: until they ship. A
 * cancelled, rejected or refunded order sends nothing, so its address is only a record.
 */
export const ADDRESS_CHANGEABLE_STATUSES: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT', 'PAID'];

/** `updateOrderStatus` names a target status; only fulfilment targets are an ADMIN's to set. */
export function adminActionFor(target: OrderStatus): OrderAction | null {
  switch (target) {
    case 'SHIPPED':
      return 'ship';
    case 'DELIVERED':
      return 'deliver';
    // The saga owns these: they follow from stock, payments and cancellations, never from a say-so.
    case 'PENDING':
    case 'AWAITING_PAYMENT':
    case 'PAID':
    case 'CANCELLED':
    case 'REJECTED':
    case 'REFUNDED':
      return null;
    default:
      throw new UnreachableCaseError(target);
  }
}
