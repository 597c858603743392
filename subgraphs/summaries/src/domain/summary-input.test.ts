import { describe, expect, it } from 'vitest';
import { chooseSource, parseRequestContent, parseSummarizeContent, REQUEST_CONTENT_MAX_CHARS, SUMMARIZE_TEXT_MAX_CHARS } from './summary-input.js';

const BOOK = '7f0c6c2e-5d0a-4c4b-9a53-2f1f3c1d2e4b';

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return { message: (error as Error).message, ...(error as { extensions: Record<string, unknown> }).extensions };
  }
  throw new Error('expected an error');
}

describe('summary input', () => {
  it('takes requestSummary content of 1 to 50 000 characters, trimmed, or none', () => {
    expect(parseRequestContent(undefined)).toBeNull();
    expect(parseRequestContent(null)).toBeNull();
    expect(parseRequestContent('  A chapter.  ')).toBe('A chapter.');
    expect(parseRequestContent('é'.repeat(REQUEST_CONTENT_MAX_CHARS))).toHaveLength(REQUEST_CONTENT_MAX_CHARS);
    expect(errorOf(() => parseRequestContent('x'.repeat(REQUEST_CONTENT_MAX_CHARS + 1)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content', message: expect.stringMatching(/content.*50000/) });
    expect(errorOf(() => parseRequestContent('   '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  });

  it('takes summarizeText content of 1 to 5 000 characters', () => {
    expect(parseSummarizeContent(' Short. ')).toBe('Short.');
    // Characters as a reader counts them: an emoji is one.
    expect(parseSummarizeContent('📚'.repeat(SUMMARIZE_TEXT_MAX_CHARS))).toHaveLength(SUMMARIZE_TEXT_MAX_CHARS * 2);
    expect(errorOf(() => parseSummarizeContent('x'.repeat(SUMMARIZE_TEXT_MAX_CHARS + 1)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(errorOf(() => parseSummarizeContent(''))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  });

  it('summarises the content when given, else the description, which must then exist', () => {
    expect(chooseSource(BOOK, 'Text.', null)).toBe('CONTENT');
    expect(chooseSource(BOOK, 'Text.', 'A description.')).toBe('CONTENT');
    expect(chooseSource(BOOK, null, 'A description.')).toBe('DESCRIPTION');
    for (const description of [null, '  ']) {
      expect(errorOf(() => chooseSource(BOOK, null, description))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'content',
        message: `Book ${BOOK} has no description to summarise; pass the text to summarise as content.`,
      });
    }
  });
});
