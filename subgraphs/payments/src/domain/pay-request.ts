import { createHash } from 'node:crypto';
import { BadUserInputError, UnreachableCaseError } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import { validateCard, type CardInput, type ValidCard } from './card.js';
import type { PaymentMethod } from './types.js';

/** GraphQL `PayOrderInput`. */
export interface PayOrderInput {
  orderId: string;
  method: PaymentMethod;
  card?: CardInput | null;
}

/** What is charged: a card for the card methods, nothing more for the others. */
export type PaymentInstrument = { method: 'CREDIT_CARD' | 'DEBIT_CARD'; card: ValidCard } | { method: 'PAYPAL' | 'BANK_TRANSFER' };

/** A payOrder call once validated; the amount is never part of it (it comes from the order). */
export interface PayRequest {
  orderId: string;
  instrument: PaymentInstrument;
  idempotencyKey: string;
  /** Tells a retry (same hash) from a different request reusing the key; see hashPayRequest. */
  requestHash: string;
}

const IDEMPOTENCY_KEY_MAX_CHARS = 255;

/** Every rule that needs no database; a failure is BAD_USER_INPUT naming the field, and nothing is stored. */
export function validatePayRequest(input: PayOrderInput, idempotencyKey: string, now: Date): PayRequest {
  const key = parseIdempotencyKey(idempotencyKey);
  const orderId = parseId(input.orderId, 'input.orderId');
  const instrument = parseInstrument(input, now);
  return { orderId, instrument, idempotencyKey: key, requestHash: hashPayRequest(orderId, instrument) };
}

/** Keys are opaque to us (clients often send UUIDs), so they are compared exactly, never trimmed. */
function parseIdempotencyKey(key: string): string {
  const length = [...key].length;
  if (length < 1 || length > IDEMPOTENCY_KEY_MAX_CHARS) {
    throw new BadUserInputError(`idempotencyKey must be 1 to ${IDEMPOTENCY_KEY_MAX_CHARS} characters.`, 'idempotencyKey');
  }
  return key;
}

function parseInstrument(input: PayOrderInput, now: Date): PaymentInstrument {
  const { method, card } = input;
  switch (method) {
    case 'CREDIT_CARD':
    case 'DEBIT_CARD':
      if (!card) throw new BadUserInputError(`input.card is required to pay by ${method}.`, 'input.card');
      return { method, card: validateCard(card, now) };
    case 'PAYPAL':
    case 'BANK_TRANSFER':
      if (card) throw new BadUserInputError(`input.card must not be given to pay by ${method}.`, 'input.card');
      return { method };
    default:
      throw new UnreachableCaseError(method);
  }
}

/**
 * SHA-256 of the normalised request, so "4242 4242 4242 4242" and "4242424242424242" are the
 * same request. The card number and cvc enter only through a digest of their own, so even the
 * hashed material never holds them; the stored hash is all that outlives the request.
 */
export function hashPayRequest(orderId: string, instrument: PaymentInstrument): string {
  const card = 'card' in instrument ? [sha256(`${instrument.card.number}:${instrument.card.cvc}`), instrument.card.expMonth, instrument.card.expYear] : null;
  return sha256(JSON.stringify([orderId, instrument.method, card]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
