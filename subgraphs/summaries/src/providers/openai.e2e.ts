import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SummaryProvider } from '../domain/summary-provider.js';
import { reply, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai.js';
import { createOpenAiProvider, type OpenAiProviderOptions } from './openai.js';

const KEY = 'sk-test-secret-key';
const TEXT = 'Call me Ishmael. Some years ago I went to sea.';

let fake: FakeOpenAi;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.requests.length = 0;
});

/** Short waits, so retries take milliseconds; everything else as configured in production. */
function provider(options: Partial<OpenAiProviderOptions> = {}): SummaryProvider {
  return createOpenAiProvider({
    baseUrl: fake.baseUrl,
    model: 'test-model',
    apiKey: KEY,
    timeoutMs: 2_000,
    maxRetries: 2,
    ratePerMinute: 1_000,
    backoff: { baseMs: 1, maxMs: 2_000 },
    ...options,
  });
}

/** The coded error `summarize` rejected with, after checking it leaks neither the key, the URL nor the server's answer. */
async function failureOf(summary: Promise<string>): Promise<{ message: string; code: unknown; retryAfter?: unknown }> {
  const error = (await summary.then(
    () => expect.unreachable('summarize should have failed'),
    (rejected: unknown) => rejected,
  )) as Error & { extensions: Record<string, unknown> };
  expect(error.message).not.toContain(KEY);
  expect(error.message).not.toContain('127.0.0.1');
  expect(error.message).not.toContain('Incorrect API key');
  return { message: error.message, code: error.extensions['code'], retryAfter: error.extensions['retryAfter'] };
}

describe('the OpenAI-compatible provider', () => {
  it('posts the text to chat/completions with the model, an instruction and the key as a bearer token', async () => {
    fake.script(reply.completion('  Ishmael goes to sea.  '));
    await expect(provider().summarize(TEXT)).resolves.toBe('Ishmael goes to sea.');
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: expect.objectContaining({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }),
        body: { model: 'test-model', messages: [{ role: 'system', content: expect.stringMatching(/summar/i) }, { role: 'user', content: TEXT }] },
      }),
    ]);
  });

  it('sends no Authorization without a key (Ollama), and tolerates a trailing slash on the base URL', async () => {
    fake.script(reply.completion('Summary.'));
    await provider({ apiKey: undefined, baseUrl: `${fake.baseUrl}/` }).summarize(TEXT);
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('retries a 429, honouring Retry-After, then succeeds', async () => {
    fake.script(reply.status(429, { 'retry-after': '1' }), reply.completion('After the wait.'));
    const started = performance.now();
    await expect(provider().summarize(TEXT)).resolves.toBe('After the wait.');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a 500, then succeeds', async () => {
    fake.script(reply.status(500), reply.completion('Second time lucky.'));
    await expect(provider().summarize(TEXT)).resolves.toBe('Second time lucky.');
    expect(fake.requests).toHaveLength(2);
  });

  it('fails after its retries when the server keeps answering 500, naming the provider', async () => {
    fake.script(reply.status(500));
    const failure = await failureOf(provider({ maxRetries: 2 }).summarize(TEXT));
    expect(failure).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'The openai:test-model summary provider failed: it answered HTTP 500 (3 attempts).', retryAfter: undefined });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry any other 4xx', async () => {
    fake.script(reply.status(401));
    expect((await failureOf(provider().summarize(TEXT))).message).toBe("The openai:test-model summary provider failed: it refused this service's credentials (HTTP 401).");
    expect(fake.requests).toHaveLength(1);
  });

  it('times out each attempt, retrying, then fails', async () => {
    fake.script(reply.hang());
    const failure = await failureOf(provider({ timeoutMs: 100, maxRetries: 1 }).summarize(TEXT));
    expect(failure.message).toBe('The openai:test-model summary provider failed: it did not answer within 100 ms (2 attempts).');
    expect(fake.requests).toHaveLength(2);
  });

  it("stops at once, without retrying, when the caller's deadline passes", async () => {
    fake.script(reply.hang());
    const failure = await failureOf(provider({ timeoutMs: 10_000 }).summarize(TEXT, { signal: AbortSignal.timeout(100) }));
    expect(failure.message).toBe("The openai:test-model summary provider failed: the caller's deadline passed.");
    expect(fake.requests).toHaveLength(1);
  });

  it('fails without crashing or retrying on a body that is not a chat completion', async () => {
    for (const body of ['not json', '{}', '{"choices":[]}', '{"choices":[{"message":{"content":42}}]}', '{"choices":[{"message":{"content":"  "}}]}']) {
      fake.script(reply.raw(body));
      const failure = await failureOf(provider().summarize(TEXT));
      expect(failure, body).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The openai:test-model summary provider failed: its answer had no text at choices[0].message.content.',
        retryAfter: undefined,
      });
    }
    expect(fake.requests).toHaveLength(5);
  });

  it('retries when the server cannot be reached, then fails', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await failureOf(provider({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 1 }).summarize(TEXT));
    expect(failure.message).toBe('The openai:test-model summary provider failed: the connection to it failed (2 attempts).');
  });

  it('refuses to start more summaries a minute than its rate limit, shared by every call', async () => {
    fake.script(reply.completion('Summary.'));
    const limited = provider({ ratePerMinute: 2 });
    await Promise.all([limited.summarize(TEXT), limited.summarize(TEXT)]);
    const failure = await failureOf(limited.summarize(TEXT));
    expect(failure).toEqual({
      code: 'RATE_LIMITED',
      message: 'The openai:test-model summary provider is at its limit of 2 summaries a minute; try again in 30 s.',
      retryAfter: 30,
    });
    expect(fake.requests).toHaveLength(2);
  });
});
