import { BadUserInputError } from '@bookstore/server-core';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** NIST SP 800-63B asks for length over composition rules; 10 is OWASP's floor for this kind of site. */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length, but a cap keeps a request from buying seconds of CPU. */
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score 3: "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

zxcvbnOptions.setOptions({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

/**
 * Rejects passwords that are too short, too long or guessable. `userInputs` (the username,
 * email, name) count as known words, so "alice-password" is weak for alice.
 */
export function checkPasswordStrength(password: string, userInputs: (string | null | undefined)[], field: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(`${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`, field);
  }
  const inputs = userInputs.flatMap((input) => (input ? [input, ...input.split(/[@.\s_-]+/).filter((part) => part.length >= 3)] : []));
  const result = zxcvbn(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  const why = reasons.length > 0 ? reasons.join(' ') : 'It would be easy to guess.';
  throw new BadUserInputError(`${field} is too weak. ${why}`, field);
}
