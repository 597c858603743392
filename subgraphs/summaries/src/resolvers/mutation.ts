import { requireViewer } from '@bookstore/server-core';
import { parseId } from '@bookstore/subgraph-runtime';
import type { SummariesContext } from '../context.js';
import { requestSummary } from '../commands/request-summary.js';
import { parseRequestContent, parseSummarizeContent } from '../domain/summary-input.js';

/**
 * summarizeText's whole budget, retries included: under the router's default subgraph timeout
 * (30 s), so the client gets this subgraph's coded error rather than a gateway timeout.
 */
const SUMMARIZE_TEXT_DEADLINE_MS = 25_000;

export const Mutation = {
  async requestSummary(_: unknown, args: { bookId: string; content?: string | null }, ctx: SummariesContext) {
    requireViewer(ctx.viewer);
    const bookId = parseId(args.bookId, 'bookId');
    const content = parseRequestContent(args.content);
    return requestSummary(ctx.deps, { bookId, content });
  },

  /** Provider failures surface as the provider's own coded errors: RATE_LIMITED, or SERVICE_UNAVAILABLE saying why. */
  async summarizeText(_: unknown, args: { content: string }, ctx: SummariesContext) {
    requireViewer(ctx.viewer);
    const content = parseSummarizeContent(args.content);
    return ctx.deps.provider.summarize(content, { signal: AbortSignal.timeout(SUMMARIZE_TEXT_DEADLINE_MS) });
  },
};
