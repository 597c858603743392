import { describe, expect, it } from 'vitest';
import { EXTRACTIVE_MAX_CHARS, extractiveProvider, summarizeExtractive } from './extractive.js';

const WHALES = [
  'Whales are large marine mammals that live in every ocean.',
  'My neighbour painted his fence green last summer.',
  'Blue whales are the largest whales and the largest animals ever known.',
  'The weather was mild on Tuesday.',
  'Whales breathe air, so whales must surface between dives.',
  'A recipe for bread needs flour, water and yeast.',
].join(' ');

describe('the extractive summariser', () => {
  it('keeps the sentences about what the text keeps returning to, in their original order', () => {
    expect(summarizeExtractive(WHALES)).toBe(
      'Blue whales are the largest whales and the largest animals ever known. Whales breathe air, so whales must surface between dives.',
    );
  });

  it('keeps three sentences of a longer text, still in text order', () => {
    const longer = `${WHALES} Fishermen once hunted whales for oil. Cats sleep a lot.`;
    const summary = summarizeExtractive(longer);
    const kept = summary.split(/(?<=\.) /);
    expect(kept).toHaveLength(3);
    expect(kept.map((sentence) => longer.indexOf(sentence))).toEqual([...kept.map((sentence) => longer.indexOf(sentence))].sort((a, b) => a - b));
    expect(kept.every((sentence) => /whales/i.test(sentence))).toBe(true);
  });

  it('answers the same summary for the same text, every time', () => {
    const runs = new Set(Array.from({ length: 5 }, () => summarizeExtractive(WHALES)));
    expect(runs.size).toBe(1);
  });

  it('breaks ties by position, so equally good sentences keep the earlier ones', () => {
    const text = 'Alpha beta. Gamma delta. Epsilon zeta. Eta theta.';
    expect(summarizeExtractive(text)).toBe('Alpha beta. Gamma delta.');
  });

  it('returns a short text whole, with its whitespace tidied', () => {
    expect(summarizeExtractive('  One sentence.\n\nAnother   one!  ')).toBe('One sentence. Another one!');
    expect(summarizeExtractive('Just a phrase without a full stop')).toBe('Just a phrase without a full stop');
  });

  it('keeps hard-wrapped sentences, abbreviations and initials whole', () => {
    // Three sentences, so they come back whole; split at a newline, "Mr." or "J." they would be
    // more than three, and only two would be kept.
    const text = 'Mr. Darcy met Dr. Watson\nin London. J. R. R. Tolkien wrote about\nMiddle-earth, e.g. the Shire. They\ndiscussed it.';
    expect(summarizeExtractive(text)).toBe('Mr. Darcy met Dr. Watson in London. J. R. R. Tolkien wrote about Middle-earth, e.g. the Shire. They discussed it.');
  });

  it(`cuts a summary longer than ${EXTRACTIVE_MAX_CHARS} characters at a word, with an ellipsis`, () => {
    const runOn = Array.from({ length: 400 }, (_, i) => `word${i % 7}`).join(' ');
    const summary = summarizeExtractive(runOn);
    expect([...summary].length).toBeLessThanOrEqual(EXTRACTIVE_MAX_CHARS);
    expect(summary).toMatch(/word\d…$/);
  });

  it('is the provider named "extractive"', async () => {
    expect(extractiveProvider.name).toBe('extractive');
    await expect(extractiveProvider.summarize(WHALES)).resolves.toBe(summarizeExtractive(WHALES));
  });
});
