export interface SummarizeOptions {
  /** The caller's own deadline: when it aborts, the provider stops at once and fails, without retrying. */
  signal?: AbortSignal;
}

/**
 * Whatever writes summaries: the offline extractive summariser or an OpenAI-compatible model.
 * `summarize` rejects with the kit's `RateLimitedError` when the provider refused to start (its
 * rate limit; retrying later can succeed) and with `InternalError` once it gave up (its own
 * retries spent, or an answer no retry can fix); messages never hold URLs or keys.
 */
export interface SummaryProvider {
  /** Stored with every summary it writes (`BookSummary.provider`), e.g. "extractive". */
  readonly name: string;
  summarize(text: string, options?: SummarizeOptions): Promise<string>;
}
