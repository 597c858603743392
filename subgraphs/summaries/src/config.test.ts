import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { extractiveProvider } from './domain/extractive.js';
import { createSummaryProvider } from './providers/create-provider.js';

const OPENAI = { SUMMARY_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'llama3.2' };

describe('summaries config', () => {
  it('has documented defaults: port 4007 and the extractive provider', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 4007,
      SUMMARY_PROVIDER: 'extractive',
      SUMMARY_TIMEOUT_MS: 20_000,
      SUMMARY_MAX_RETRIES: 3,
      SUMMARY_RATE_PER_MINUTE: 30,
    });
    expect(createSummaryProvider(loadConfig({}))).toBe(extractiveProvider);
  });

  it('builds an OpenAI-compatible provider, with or without a key, without touching the network', () => {
    expect(createSummaryProvider(loadConfig(OPENAI)).name).toBe('openai:llama3.2');
    expect(createSummaryProvider(loadConfig({ ...OPENAI, OPENAI_API_KEY: 'sk-test' })).name).toBe('openai:llama3.2');
  });

  it('names what openai is missing', () => {
    expect(() => loadConfig({ SUMMARY_PROVIDER: 'openai' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', problems: [expect.stringMatching(/^OPENAI_BASE_URL:/), expect.stringMatching(/^OPENAI_MODEL:/)] }),
    );
    expect(() => loadConfig({ ...OPENAI, OPENAI_MODEL: '' })).toThrow(expect.objectContaining({ problems: [expect.stringMatching(/^OPENAI_MODEL: required when SUMMARY_PROVIDER is openai/)] }));
    expect(() => createSummaryProvider({ ...loadConfig({}), SUMMARY_PROVIDER: 'openai' })).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });

  it('names malformed variables, and never repeats the key', () => {
    const key = 'sk-secret-1234';
    let message = '';
    try {
      loadConfig({ SUMMARY_PROVIDER: 'gpt', OPENAI_BASE_URL: 'ftp://example.com', SUMMARY_TIMEOUT_MS: '10', SUMMARY_MAX_RETRIES: '-1', SUMMARY_RATE_PER_MINUTE: '0', OPENAI_API_KEY: key });
    } catch (error) {
      expect(error).toMatchObject({
        problems: [
          expect.stringMatching(/^SUMMARY_PROVIDER:/),
          expect.stringMatching(/^OPENAI_BASE_URL:/),
          expect.stringMatching(/^SUMMARY_TIMEOUT_MS:/),
          expect.stringMatching(/^SUMMARY_MAX_RETRIES:/),
          expect.stringMatching(/^SUMMARY_RATE_PER_MINUTE:/),
        ],
      });
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(key);
  });
});
