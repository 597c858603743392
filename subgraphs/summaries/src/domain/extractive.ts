import type { SummaryProvider } from './summary-provider.js';

/** Texts of at most this many sentences are their own summary. */
const SHORT_TEXT_SENTENCES = 3;
/** Longer texts keep their two best sentences, or three from this many sentences on. */
const THREE_SENTENCES_FROM = 7;
/** A summary is a few sentences; one sentence of a text without punctuation could be the whole text. */
export const EXTRACTIVE_MAX_CHARS = 1_000;

/** Words that say nothing about what a text is about; they would otherwise outscore every topic word. */
const STOP_WORDS = new Set(
  (
    'a about after all also an and any are as at be been before being but by can could did do does each for from had has have he her him his how ' +
    'i if in into is it its just may me might more most must my no not of on one only or other our out over own same shall she should so some ' +
    'such than that the their them then there these they this those to too up upon us very was we were what when where which while who whom ' +
    'will with would you your'
  ).split(' '),
);

/** Abbreviations that end in a full stop without ending a sentence (UAX #29 splits after them). */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'mt', 'vs', 'etc', 'e.g', 'i.e', 'vol', 'ch', 'fig']);

// Unicode sentence boundaries (UAX #29) handle quotes, decimals and "?!" better than a regex.
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * An extractive summary: the text's most representative sentences, in their original order.
 * Each sentence scores the mean normalised frequency of its content words (SumBasic, Nenkova and
 * Vanderwende 2005), so a sentence about what the text keeps returning to wins; ties go to the
 * earlier sentence. Pure and deterministic: the same text always gives the same summary.
 */
export function summarizeExtractive(text: string): string {
  const sentences = splitSentences(text);
  if (sentences.length <= SHORT_TEXT_SENTENCES) return truncate(sentences.join(' '));

  const wordsOf = sentences.map((sentence) => contentWords(sentence));
  const frequency = new Map<string, number>();
  for (const word of wordsOf.flat()) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const highest = Math.max(1, ...frequency.values());
  const score = (words: string[]) => (words.length === 0 ? 0 : words.reduce((sum, word) => sum + frequency.get(word)! / highest, 0) / words.length);

  const keep = sentences.length >= THREE_SENTENCES_FROM ? 3 : 2;
  const best = sentences
    .map((sentence, index) => ({ index, score: score(wordsOf[index]!) }))
    // Array.prototype.sort is stable, so equal scores keep the earlier sentence first.
    .sort((a, b) => b.score - a.score)
    .slice(0, keep)
    .map((ranked) => ranked.index)
    .sort((a, b) => a - b);
  return truncate(best.map((index) => sentences[index]!).join(' '));
}

/** The provider behind SUMMARY_PROVIDER=extractive: no network and no model, so it never fails. */
export const extractiveProvider: SummaryProvider = {
  name: 'extractive',
  summarize: async (text) => summarizeExtractive(text),
};

function splitSentences(text: string): string[] {
  // Hard-wrapped text (Project Gutenberg wraps at 70 columns) has a newline inside most
  // sentences, and UAX #29 always breaks at a newline: collapsing whitespace keeps them whole.
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of sentenceSegmenter.segment(flat)) {
    pending += segment;
    if (!endsWithAbbreviation(pending)) {
      sentences.push(pending.trim());
      pending = '';
    }
  }
  if (pending.trim() !== '') sentences.push(pending.trim());
  return sentences.filter((sentence) => sentence !== '');
}

/** "Mr." or an initial such as the "J." of "J. R. R. Tolkien": the sentence goes on. */
function endsWithAbbreviation(segment: string): boolean {
  const last = /(\S+)\.\s*$/.exec(segment)?.[1]?.toLowerCase();
  return last !== undefined && (ABBREVIATIONS.has(last) || /^\p{L}$/u.test(last));
}

function contentWords(sentence: string): string[] {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word));
}

/** Cuts at a word boundary, marking the cut with an ellipsis; counts code points, as the API's limits do. */
function truncate(summary: string): string {
  const chars = [...summary];
  if (chars.length <= EXTRACTIVE_MAX_CHARS) return summary;
  const cut = chars.slice(0, EXTRACTIVE_MAX_CHARS - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
