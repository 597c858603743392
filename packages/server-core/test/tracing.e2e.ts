import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { freePort } from '@bookstore/testing-base';
import { inSpan, startTracing, tracingActive } from '../src/tracing.js';

describe('tracing', () => {
  it('stops cleanly when the OTLP collector is unreachable, dropping the spans it cannot export', async () => {
    const port = await freePort(); // nothing listens: every export is refused
    const tracing = startTracing({ serviceName: 'test', otlpEndpoint: `http://127.0.0.1:${port}` });
    expect(tracingActive()).toBe(true);
    await inSpan('work', SpanKind.INTERNAL, {}, async () => 'done');
    await expect(tracing.shutdown()).resolves.toBeUndefined();
    expect(tracingActive()).toBe(false);
  });
});
