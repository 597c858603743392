import type { PaymentInstrument } from './pay-request.js';

/** Card numbers with a fixed answer (the test cards of API.md); every other valid card succeeds. */
export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const;

export type ChargeResult = { approved: true } | { approved: false; failureReason: string };

/**
 * The simulated payment processor: deterministic and pure, so the same attempt always has the
 * same answer. PayPal and bank transfers are always approved.
 */
export function charge(instrument: PaymentInstrument): ChargeResult {
  if (!('card' in instrument)) return { approved: true };
  switch (instrument.card.number) {
    case TEST_CARDS.declined:
      return { approved: false, failureReason: 'The card was declined.' };
    case TEST_CARDS.insufficientFunds:
      return { approved: false, failureReason: 'The card has insufficient funds.' };
    default:
      return { approved: true };
  }
}
