import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { safeError } from './logger.js';

/**
 * OpenTelemetry tracing, off unless started: without a provider every call below is a no-op
 * of the OpenTelemetry API. Spans: each `/graphql` request (continuing the caller's W3C
 * traceparent), each router -> subgraph fetch, each SQL statement and each handled event.
 */
export interface TracingOptions {
  /** `service.name` of the spans' resource, e.g. "router" or "orders". */
  serviceName: string;
  /** OTLP/HTTP collector base URL, e.g. http://otel-collector:4318 (spans go to `/v1/traces`). */
  otlpEndpoint?: string;
  /** Exports each span as it ends (tests use an InMemorySpanExporter); overrides `otlpEndpoint`. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Exports what is buffered (for at most 3 s: a collector that is down must not hold up a drain), then stops. */
  shutdown(): Promise<void>;
}

const SHUTDOWN_MS = 3_000;

const TRACER = 'bookstore';
let active = false;

/** Whether spans are recorded in this process; hot paths skip span work when they are not. */
export function tracingActive(): boolean {
  return active;
}

export function startTracing(options: TracingOptions): Tracing {
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${(options.otlpEndpoint ?? 'http://localhost:4318').replace(/\/$/, '')}/v1/traces` }) });
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: [processor] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  active = true;
  return {
    async shutdown() {
      active = false;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_MS)));
      // Spans that cannot be exported now are lost either way; the process must still exit cleanly.
      await Promise.race([provider.shutdown().catch(() => undefined), deadline]);
      clearTimeout(timer);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Marks a span failed with its error, cleaned like a log line: a failed statement's parameters never reach the collector. */
export function recordFailure(span: Span, error: unknown): void {
  const safe = safeError(error);
  span.recordException({ name: safe.type, message: safe.message, stack: safe.stack });
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs `work` in a span that is a child of the current one, ending it when `work` settles. */
export function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs `work` in a SERVER span continuing the trace the caller's `traceparent` header names. */
export function inServerSpan<T>(name: string, headers: IncomingHttpHeaders, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      return Array.isArray(value) ? value[0] : value;
    },
  });
  return context.with(parent, () => inSpan(name, SpanKind.SERVER, attributes, work));
}

/** The current span's W3C traceparent, when tracing is on and a span is active. */
export function currentTraceparent(): string | undefined {
  if (!active) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** Runs `work` as part of the trace a stored traceparent names (an event's), or as is without one. */
export function inTraceOf<T>(traceparent: string | undefined, work: () => T): T {
  if (!traceparent) return work();
  return context.with(propagation.extract(context.active(), { traceparent }), work);
}

/** Writes the current span's `traceparent` (and `tracestate`) into outgoing headers; nothing when tracing is off. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

export { SpanKind };
