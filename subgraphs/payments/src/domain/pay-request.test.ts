import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { hashPayRequest, validatePayRequest, type PayOrderInput } from './pay-request.js';

const NOW = new Date('2026-05-15T12:00:00Z');
const ORDER_ID = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
const byCard: PayOrderInput = { orderId: ORDER_ID, method: 'CREDIT_CARD', card };

describe('validatePayRequest', () => {
  it('normalises the order id and the card', () => {
    const request = validatePayRequest({ ...byCard, orderId: ORDER_ID.toUpperCase(), card: { ...card, number: '4242-4242-4242-4242' } }, 'key-1', NOW);
    expect(request).toMatchObject({ orderId: ORDER_ID, idempotencyKey: 'key-1', instrument: { method: 'CREDIT_CARD', card: { number: '4242424242424242', last4: '4242' } } });
    expect(request.requestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes no card for PAYPAL and BANK_TRANSFER', () => {
    expect(validatePayRequest({ orderId: ORDER_ID, method: 'PAYPAL' }, 'k', NOW).instrument).toEqual({ method: 'PAYPAL' });
    expect(validatePayRequest({ orderId: ORDER_ID, method: 'BANK_TRANSFER', card: null }, 'k', NOW).instrument).toEqual({ method: 'BANK_TRANSFER' });
  });

  it('accepts idempotency keys of 1 and 255 characters, kept exactly', () => {
    expect(validatePayRequest(byCard, ' ', NOW).idempotencyKey).toBe(' ');
    expect(validatePayRequest(byCard, '\u{1F511}'.repeat(255), NOW).idempotencyKey).toHaveLength(510);
  });

  it.each<[string, PayOrderInput, string, string]>([
    ['an empty idempotency key', byCard, '', 'idempotencyKey'],
    ['a 256-character idempotency key', byCard, 'k'.repeat(256), 'idempotencyKey'],
    ['a malformed order id', { ...byCard, orderId: 'order-1' }, 'k', 'input.orderId'],
    ['a credit card payment without a card', { orderId: ORDER_ID, method: 'CREDIT_CARD' }, 'k', 'input.card'],
    ['a debit card payment with a null card', { orderId: ORDER_ID, method: 'DEBIT_CARD', card: null }, 'k', 'input.card'],
    ['a PayPal payment with a card', { orderId: ORDER_ID, method: 'PAYPAL', card }, 'k', 'input.card'],
    ['a bank transfer with a card', { orderId: ORDER_ID, method: 'BANK_TRANSFER', card }, 'k', 'input.card'],
    ['a card failing the Luhn check', { ...byCard, card: { ...card, number: '4242424242424241' } }, 'k', 'input.card.number'],
    ['an expired card', { ...byCard, card: { ...card, expYear: 2025 } }, 'k', 'input.card.expYear'],
  ])('rejects %s', (_case, input, key, field) => {
    const error = errorOf(() => validatePayRequest(input, key, NOW));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error['message']).toContain(field);
  });
});

describe('the request hash', () => {
  const hashOf = (input: PayOrderInput) => validatePayRequest(input, 'k', NOW).requestHash;

  it('is the same for the same request, however the card number was typed', () => {
    expect(hashOf(byCard)).toBe(hashOf({ ...byCard, orderId: ORDER_ID.toUpperCase(), card: { ...card, number: '4242 4242 4242 4242' } }));
  });

  it.each<[string, PayOrderInput]>([
    ['another order', { ...byCard, orderId: '1b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a' }],
    ['another method', { ...byCard, method: 'DEBIT_CARD' }],
    ['another card number', { ...byCard, card: { ...card, number: '5555555555554444' } }],
    ['another expiry month', { ...byCard, card: { ...card, expMonth: 11 } }],
    ['another expiry year', { ...byCard, card: { ...card, expYear: 2031 } }],
    ['another cvc', { ...byCard, card: { ...card, cvc: '124' } }],
    ['no card', { orderId: ORDER_ID, method: 'PAYPAL' }],
  ])('differs for %s', (_case, input) => {
    expect(hashOf(input)).not.toBe(hashOf(byCard));
  });

  it('is a digest in which neither the card number nor the cvc appears', () => {
    const hash = hashPayRequest(ORDER_ID, { method: 'CREDIT_CARD', card: { number: '4242424242424242', last4: '4242', expMonth: 12, expYear: 2030, cvc: '123' } });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('4242424242424242');
  });
});
