import { ConfigError, UnreachableCaseError } from '@bookstore/server-core';
import { missingProviderSettings, type SummaryProviderSettings } from '../config.js';
import { extractiveProvider } from '../domain/extractive.js';
import type { SummaryProvider } from '../domain/summary-provider.js';
import { createOpenAiProvider } from './openai.js';

/**
 * The provider SUMMARY_PROVIDER names, built from the configuration without any I/O. Build one
 * per process and give it to both the subgraph and its event handlers: the rate limit lives in it.
 */
export function createSummaryProvider(settings: SummaryProviderSettings): SummaryProvider {
  switch (settings.SUMMARY_PROVIDER) {
    case 'extractive':
      return extractiveProvider;
    case 'openai': {
      const { OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: model } = settings;
      if (!baseUrl || !model) throw new ConfigError(missingProviderSettings(settings));
      return createOpenAiProvider({
        baseUrl,
        model,
        apiKey: settings.OPENAI_API_KEY,
        timeoutMs: settings.SUMMARY_TIMEOUT_MS,
        maxRetries: settings.SUMMARY_MAX_RETRIES,
        ratePerMinute: settings.SUMMARY_RATE_PER_MINUTE,
      });
    }
    default:
      throw new UnreachableCaseError(settings.SUMMARY_PROVIDER);
  }
}
