import { BadUserInputError } from '@bookstore/server-core';
import { requiredText } from '@bookstore/subgraph-runtime';
import type { SummarySource } from './types.js';

/**
 * `requestSummary(content)`: up to about 10 000 words, a long chapter. The text travels in the
 * `summary.requested` event (outbox row, queue job) and must fit a model's context window.
 */
export const REQUEST_CONTENT_MAX_CHARS = 50_000;

/** `summarizeText(content)` answers within the request, so its text stays short. */
export const SUMMARIZE_TEXT_MAX_CHARS = 5_000;

/** `requestSummary(content)`: trimmed, 1 to 50 000 characters when given; null or left out means "the description". */
export function parseRequestContent(content: string | null | undefined): string | null {
  return content === null || content === undefined ? null : requiredText(content, 'content', REQUEST_CONTENT_MAX_CHARS);
}

/** `summarizeText(content)`: trimmed, 1 to 5 000 characters. */
export function parseSummarizeContent(content: string): string {
  return requiredText(content, 'content', SUMMARIZE_TEXT_MAX_CHARS);
}

/** The text a requested summary is made from: the content given, else the book's description, which must then exist. */
export function chooseSource(bookId: string, content: string | null, description: string | null): SummarySource {
  if (content !== null) return 'CONTENT';
  if (description === null || description.trim() === '') {
    throw new BadUserInputError(`Book ${bookId} has no description to summarise; pass the text to summarise as content.`, 'content');
  }
  return 'DESCRIPTION';
}
