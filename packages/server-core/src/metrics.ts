import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: 1 ms to 10 s, dense where GraphQL operations usually fall. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/**
 * Distinct operation names learned as label values; later ones count as "other". Clients choose
 * names, so a name is learned only from an operation that succeeded (see `operationLabel`).
 */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * One process's (or, embedded, one service's) Prometheus metrics, served at `/metrics` on the
 * metrics port (metrics-server.ts), never on the public one:
 * HTTP requests by route and status, GraphQL operation latency by operation, errors by code,
 * plus whatever gauges the service adds (queue depths, active subscriptions). Every series
 * carries a `service` label.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly operationDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly errors: Counter<'code'>;
  private readonly operationNames = new Set<string>();
  private readonly trustedOperationNames = new Set<string>();

  constructor(readonly service: string, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    // Embedded mode runs eight services in one process: its process metrics need reporting once.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status code.', labelNames: ['route', 'status'], registers: [this.registry] });
    this.operationDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations from parse to response, by operation name, type and outcome (ok or error).',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.errors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors returned to callers, by extensions.code.', labelNames: ['code'], registers: [this.registry] });
  }

  /** A histogram in this registry, with the shared latency buckets. */
  histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  }

  /** A gauge read when Prometheus scrapes: `read` returns its current values by label set. */
  gaugeOnScrape<L extends string>(name: string, help: string, labelNames: L[], read: () => Promise<{ labels: Partial<Record<L, string>>; value: number }[]> | { labels: Partial<Record<L, string>>; value: number }[]): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read()) this.set(labels, value);
      },
    });
  }

  /** A counter kept elsewhere (a stats object), copied in when Prometheus scrapes. */
  counterOnScrape<L extends string>(name: string, help: string, labelNames: L[], read: () => { labels: Partial<Record<L, string>>; value: number }[]): void {
    new Counter({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { labels, value } of read()) this.inc(labels, value);
      },
    });
  }

  /** Records a finished HTTP request; the route is a fixed name, never the raw path. */
  countRequest(route: string, res: ServerResponse): void {
    res.once('finish', () => this.httpRequests.inc({ route, status: String(res.statusCode) }));
  }

  /** Operation names an operator vouches for (the router's safelist): labelled from the first request, outside the bound. */
  trustOperationNames(names: Iterable<string>): void {
    for (const name of names) if (OPERATION_NAME.test(name)) this.trustedOperationNames.add(name);
  }

  /** Apollo Server plugin: operation latency and errors by code, for subgraphs and the router alike. */
  plugin<T extends BaseContext>(): ApolloServerPlugin<T> {
    const { errors, operationDuration } = this;
    const label = (name: string | null | undefined, succeeded: boolean) => this.operationLabel(name, succeeded);
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        let failed = false;
        return {
          async didEncounterErrors({ errors: encountered }) {
            failed = true;
            for (const error of encountered) errors.inc({ code: String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') });
          },
          async willSendResponse({ operationName, operation }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            operationDuration.observe({ operation: label(operationName, !failed), type: operation?.operation ?? 'unknown', outcome: failed ? 'error' : 'ok' }, seconds);
          },
        };
      },
    };
  }

  /**
   * A client can send any operation name: labelling each would let one fill the label budget
   * with names that never ran (and show them to whoever reads the metrics). So a name becomes a
   * label only once an operation of that name has succeeded here (or the operator trusts it);
   * until then, and past the bound, it counts as "other".
   */
  private operationLabel(name: string | null | undefined, succeeded: boolean): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.trustedOperationNames.has(name) || this.operationNames.has(name)) return name;
    if (!succeeded || this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
