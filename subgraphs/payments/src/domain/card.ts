import { BadUserInputError } from '@bookstore/server-core';

/** GraphQL `CardInput`. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A card that passed validation. Only `last4` may be stored; `number` and `cvc` live for one request. */
export interface ValidCard {
  /** Digits only. */
  number: string;
  last4: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

const FIELD = 'input.card';
/** ISO/IEC 7812 card numbers are 12 to 19 digits long. */
const NUMBER_DIGITS = { min: 12, max: 19 } as const;
/** No issuer prints cards valid this far ahead; a larger year is a typo. */
const MAX_YEARS_AHEAD = 50;

/** People type card numbers in groups; spaces and hyphens between them carry no meaning. */
export function normaliseCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check every card number's last digit satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Checks a card the way a processor would before charging it; `now` decides expiry. A card is
 * valid through the last day of its expiry month (UTC).
 */
export function validateCard(card: CardInput, now: Date): ValidCard {
  const number = normaliseCardNumber(card.number);
  if (!/^\d+$/.test(number) || number.length < NUMBER_DIGITS.min || number.length > NUMBER_DIGITS.max) {
    throw new BadUserInputError(`${FIELD}.number must be ${NUMBER_DIGITS.min} to ${NUMBER_DIGITS.max} digits (spaces and hyphens allowed).`, `${FIELD}.number`);
  }
  if (!passesLuhn(number)) throw new BadUserInputError(`${FIELD}.number is not a valid card number (its check digit is wrong).`, `${FIELD}.number`);
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    throw new BadUserInputError(`${FIELD}.expMonth must be a month from 1 to 12.`, `${FIELD}.expMonth`);
  }
  const thisYear = now.getUTCFullYear();
  const lastYear = thisYear + MAX_YEARS_AHEAD;
  if (!Number.isInteger(card.expYear) || card.expYear < 1000 || card.expYear > lastYear) {
    throw new BadUserInputError(`${FIELD}.expYear must be a four-digit year from ${thisYear} to ${lastYear}.`, `${FIELD}.expYear`);
  }
  if (card.expYear < thisYear) throw new BadUserInputError(`${FIELD}.expYear is in the past: the card has expired.`, `${FIELD}.expYear`);
  if (card.expYear === thisYear && card.expMonth < now.getUTCMonth() + 1) {
    throw new BadUserInputError(`${FIELD}.expMonth is in the past: the card has expired.`, `${FIELD}.expMonth`);
  }
  if (!/^\d{3,4}$/.test(card.cvc)) throw new BadUserInputError(`${FIELD}.cvc must be 3 or 4 digits.`, `${FIELD}.cvc`);
  return { number, last4: number.slice(-4), expMonth: card.expMonth, expYear: card.expYear, cvc: card.cvc };
}
