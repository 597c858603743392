import { loadSubgraphConfig, type SubgraphSettings } from '@bookstore/subgraph-runtime';
import { z } from 'zod';

/** The summaries subgraph's own settings, read alike in services mode and embedded mode. */
const schema = z.object({
  /**
   * Who writes summaries: `extractive` (default) keeps the text's most representative sentences,
   * offline and without a model; `openai` asks an OpenAI-compatible chat completions API.
   */
  SUMMARY_PROVIDER: z.enum(['extractive', 'openai']).default('extractive'),
  /**
   * For `openai`, the API root: https://api.openai.com/v1, Gemini's
   * https://generativelanguage.googleapis.com/v1beta/openai, or http://localhost:11434/v1 (Ollama).
   */
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** For `openai`, the model, e.g. gpt-4o-mini, gemini-2.0-flash or llama3.2. */
  OPENAI_MODEL: z.string().min(1).optional(),
  /** For `openai`, sent as a bearer token; optional, since local servers such as Ollama need none. Never logged. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** One attempt's limit in ms (default 20 000, 20 seconds); each retry gets as long again. */
  SUMMARY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Retries after a 408, 429, 5xx, timeout or network error (default 3), with exponential backoff. */
  SUMMARY_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Summaries the process asks the provider for per minute, jobs and summarizeText together (default 30). */
  SUMMARY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

export type SummariesConfig = z.infer<typeof schema>;

export const summariesSettings = { port: 4007, schema, check: missingProviderSettings } satisfies SubgraphSettings<typeof schema.shape>;

/** The part of the configuration that chooses and tunes the summary provider. */
export type SummaryProviderSettings = Pick<
  SummariesConfig,
  'SUMMARY_PROVIDER' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'OPENAI_API_KEY' | 'SUMMARY_TIMEOUT_MS' | 'SUMMARY_MAX_RETRIES' | 'SUMMARY_RATE_PER_MINUTE'
>;

/** What `openai` needs and the settings lack, as ConfigError problems naming each variable. */
export function missingProviderSettings(settings: SummaryProviderSettings): string[] {
  if (settings.SUMMARY_PROVIDER !== 'openai') return [];
  return (['OPENAI_BASE_URL', 'OPENAI_MODEL'] as const).filter((name) => !settings[name]).map((name) => `${name}: required when SUMMARY_PROVIDER is openai`);
}

/**
 * What start-up warns about: `openai` without a key works only with servers that need none
 * (Ollama); elsewhere every summary would fail, and the log says why before the first one does.
 */
export function providerWarnings(settings: SummaryProviderSettings): string[] {
  if (settings.SUMMARY_PROVIDER !== 'openai' || settings.OPENAI_API_KEY) return [];
  return ['OPENAI_API_KEY is not set: summaries will fail unless the provider at OPENAI_BASE_URL needs no key (a local Ollama does not).'];
}

/** The summaries process's configuration in services mode. */
export function loadConfig(environment?: Record<string, string | undefined>) {
  return loadSubgraphConfig(summariesSettings, environment);
}
