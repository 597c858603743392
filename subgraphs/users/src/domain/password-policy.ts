import { BadUserInputError } from '@bookstore/server-core';
import type { zxcvbn as Zxcvbn } from '@zxcvbn-ts/core';

/** NIST SP 800-63B asks for length over composition rules; 10 is OWASP's floor for this kind of site. */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 takes any length, but a cap keeps a request from buying seconds of CPU. */
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score 3: "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

let scorer: Promise<typeof Zxcvbn> | undefined;

/**
 * zxcvbn with its dictionaries, loaded on the first password checked rather than at import: they
 * hold about 46 MiB of RSS and take a noticeable part of a second to load, and a users process
 * that only signs people in never needs them. A failed load is retried on the next check.
 */
function loadScorer(): Promise<typeof Zxcvbn> {
  scorer ??= (async () => {
    const [core, common, english] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    core.zxcvbnOptions.setOptions({
      translations: english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
    });
    return core.zxcvbn;
  })().catch((error: unknown) => {
    scorer = undefined;
    throw error;
  });
  return scorer;
}

/**
 * Rejects passwords that are too short, too long or guessable. `userInputs` (the username,
 * email, name) count as known words, so "alice-password" is weak for alice.
 */
export async function checkPasswordStrength(password: string, userInputs: (string | null | undefined)[], field: string): Promise<void> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(`${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`, field);
  }
  const inputs = userInputs.flatMap((input) => (input ? [input, ...input.split(/[@.\s_-]+/).filter((part) => part.length >= 3)] : []));
  const result = (await loadScorer())(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  const why = reasons.length > 0 ? reasons.join(' ') : 'It would be easy to guess.';
  throw new BadUserInputError(`${field} is too weak. ${why}`, field);
}
