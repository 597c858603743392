import { describe, expect, it } from 'vitest';
import { validateCard } from './card.js';
import { charge, TEST_CARDS } from './processor.js';

const card = (number: string) => validateCard({ number, expMonth: 1, expYear: 2030, cvc: '123' }, new Date('2026-01-01T00:00:00Z'));

describe('the simulated processor', () => {
  it('approves 4242424242424242 and any other valid card', () => {
    expect(charge({ method: 'CREDIT_CARD', card: card(TEST_CARDS.succeeds) })).toEqual({ approved: true });
    expect(charge({ method: 'DEBIT_CARD', card: card('5555555555554444') })).toEqual({ approved: true });
  });

  it('declines 4000000000000002', () => {
    expect(charge({ method: 'CREDIT_CARD', card: card(TEST_CARDS.declined) })).toEqual({ approved: false, failureReason: 'The card was declined.' });
  });

  it('fails 4000000000009995 for insufficient funds, however it was typed', () => {
    expect(charge({ method: 'DEBIT_CARD', card: card('4000 0000 0000 9995') })).toEqual({ approved: false, failureReason: 'The card has insufficient funds.' });
  });

  it('approves PayPal and bank transfers', () => {
    expect(charge({ method: 'PAYPAL' })).toEqual({ approved: true });
    expect(charge({ method: 'BANK_TRANSFER' })).toEqual({ approved: true });
  });

  it('answers the same attempt the same way every time', () => {
    const attempt = { method: 'CREDIT_CARD', card: card(TEST_CARDS.declined) } as const;
    expect(charge(attempt)).toEqual(charge(attempt));
  });
});
