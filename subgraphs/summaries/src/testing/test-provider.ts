import { RateLimitedError, ServiceUnavailableError } from '@bookstore/server-core';
import { summarizeExtractive } from '../domain/extractive.js';
import type { SummaryProvider } from '../domain/summary-provider.js';

/** Put one of these in a text to make the test provider behave that way for it. */
export const MARK = {
  /** Fails the way a provider does once its own retries are spent. */
  fail: '[fail]',
  /** Refuses the first time for its rate limit, then succeeds. */
  throttleOnce: '[throttle-once]',
  /** Waits until the test releases it (see `hold`). */
  hold: '[hold]',
} as const;

/** The extractive summariser, except for texts carrying a MARK; the e2e tests' provider. */
export interface TestProvider extends SummaryProvider {
  /** Every text it was asked to summarise, in order. */
  readonly calls: string[];
  /** From now on, texts marked `hold` wait until the returned function is called. */
  hold(): () => void;
}

export function createTestProvider(): TestProvider {
  const calls: string[] = [];
  const throttled = new Set<string>();
  let gate: Promise<void> = Promise.resolve();
  return {
    name: 'test',
    calls,
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    async summarize(text) {
      calls.push(text);
      if (text.includes(MARK.fail)) throw new ServiceUnavailableError("The test summary provider failed: it refused this service's credentials (HTTP 401).");
      if (text.includes(MARK.throttleOnce) && !throttled.has(text)) {
        throttled.add(text);
        throw new RateLimitedError('The test summary provider is at its limit; try again in 1 s.', 1);
      }
      if (text.includes(MARK.hold)) await gate;
      return summarizeExtractive(text);
    },
  };
}
