/** GraphQL `PaymentMethod`. */
export type PaymentMethod = 'CREDIT_CARD' | 'DEBIT_CARD' | 'PAYPAL' | 'BANK_TRANSFER';

/** GraphQL `PaymentStatus`. The simulated processor answers at once, so PENDING is never stored. */
export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';

/** Where an order stands as far as payments knows, from the orders' events. */
export type PayableState = 'AWAITING' | 'PAID' | 'CANCELLED';

/** The errors a payOrder attempt stores with its idempotency key and answers again on a replay. */
export type ReplayedErrorCode = 'PAYMENT_DECLINED';
