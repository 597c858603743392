import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitedError, ServiceUnavailableError, UnreachableCaseError } from '@bookstore/server-core';
import { z } from 'zod';
import { DEFAULT_BACKOFF, isRetryableStatus, parseRetryAfter, retryDelayMs, type BackoffOptions } from '../domain/retry-policy.js';
import type { SummaryProvider } from '../domain/summary-provider.js';
import { TokenBucket } from '../domain/token-bucket.js';

export interface OpenAiProviderOptions {
  /** The API root, e.g. https://api.openai.com/v1; `/chat/completions` is appended. */
  baseUrl: string;
  /** Sent as `model`, e.g. gpt-4o-mini. */
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set; local servers such as Ollama need none. */
  apiKey?: string | undefined;
  /** One attempt's limit in ms, reading the answer included. */
  timeoutMs: number;
  /** Attempts after the first one, after 408, 429, 5xx, a timeout or a network error. */
  maxRetries: number;
  /** Summaries started per minute by this provider, whoever calls it; a summary's retries are part of it. */
  ratePerMinute: number;
  /** Waits between attempts; default DEFAULT_BACKOFF (0.5 s doubling, at most 10 s). */
  backoff?: BackoffOptions;
}

const INSTRUCTION =
  'You summarise books for a bookstore. Summarise the text the user sends in at most three sentences of plain prose, ' +
  'in the language of the text. Answer with the summary only.';

/** The one part of a chat completion this provider reads. */
const completionSchema = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().trim().min(1) }) })).min(1) });

/** How one HTTP attempt ended. */
type Attempt =
  | { kind: 'answered'; summary: string }
  | { kind: 'transient'; problem: string; retryAfterMs: number | null }
  | { kind: 'failed'; problem: string }
  | { kind: 'cancelled' };

/**
 * A summary provider on any OpenAI-compatible chat completions API (OpenAI, Gemini's
 * compatibility endpoint, Ollama, vLLM, ...). Its rate limit is its own, so build one per process
 * and share it between the API and the job handler. Errors name the provider as
 * `openai:<model>` and never hold the URL, the key or the server's answer (an OpenAI error body
 * repeats part of a wrong key).
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): SummaryProvider {
  const name = `openai:${options.model}`;
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;
  const bucket = new TokenBucket({ perMinute: options.ratePerMinute });
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  // SERVICE_UNAVAILABLE, never an internal error: the client (and a FAILED summary's reason) learns
  // that the provider is the problem, and nothing of its URL, key or answer.
  const failure = (problem: string) => new ServiceUnavailableError(`The ${name} summary provider failed: ${problem}.`);

  async function attempt(body: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers,
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        // The key must not follow a redirect to another host; an API endpoint has no reason to redirect.
        redirect: 'manual',
      });
      if (!response.ok) {
        // Frees the connection without reading an error body we would never show.
        await response.body?.cancel();
        const problem = response.status === 401 || response.status === 403 ? `it refused this service's credentials (HTTP ${response.status})` : `it answered HTTP ${response.status}`;
        return isRetryableStatus(response.status) ? { kind: 'transient', problem, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) } : { kind: 'failed', problem };
      }
      const summary = summaryOf(await response.text());
      return summary === null ? { kind: 'failed', problem: 'its answer had no text at choices[0].message.content' } : { kind: 'answered', summary };
    } catch {
      if (signal?.aborted) return { kind: 'cancelled' };
      if (timeout.aborted) return { kind: 'transient', problem: `it did not answer within ${options.timeoutMs} ms`, retryAfterMs: null };
      return { kind: 'transient', problem: 'the connection to it failed', retryAfterMs: null };
    }
  }

  return {
    name,
    async summarize(text, { signal } = {}) {
      const waitMs = bucket.take();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new RateLimitedError(`The ${name} summary provider is at its limit of ${options.ratePerMinute} summaries a minute; try again in ${seconds} s.`, seconds);
      }
      const body = JSON.stringify({ model: options.model, messages: [{ role: 'system', content: INSTRUCTION }, { role: 'user', content: text }] });
      for (let attempts = 1; ; attempts++) {
        const outcome = await attempt(body, signal);
        switch (outcome.kind) {
          case 'answered':
            return outcome.summary;
          case 'failed':
            throw failure(outcome.problem);
          case 'cancelled':
            throw failure("the caller's deadline passed");
          case 'transient':
            if (attempts > options.maxRetries) throw failure(`${outcome.problem} (${attempts} attempts)`);
            try {
              await sleep(retryDelayMs(attempts, outcome.retryAfterMs, backoff), undefined, { signal });
            } catch {
              throw failure("the caller's deadline passed");
            }
            break;
          default:
            throw new UnreachableCaseError(outcome);
        }
      }
    },
  };
}

/** The summary in a chat completion body, or null when the body is not one. */
function summaryOf(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const completion = completionSchema.safeParse(parsed);
  return completion.success ? completion.data.choices[0]!.message.content : null;
}
