import { decodeCursor, isUuid } from '@bookstore/kit';

/** `User.payments` lists newest first: the key is (createdAt, id), both descending. */
export type PaymentCursor = [createdAt: string, id: string];

export function paymentCursorOf(payment: { createdAt: Date; id: string }): PaymentCursor {
  return [payment.createdAt.toISOString(), payment.id];
}

export function decodePaymentCursor(after: string | null | undefined): PaymentCursor | null {
  return decodeCursor(after, (key): key is PaymentCursor => key.length === 2 && isIsoInstant(key[0]) && typeof key[1] === 'string' && isUuid(key[1]));
}

function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value));
}
