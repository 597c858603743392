import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';

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
  readonly httpRequests: SeriesCounter<'route' | 'status'>;
  readonly operationDuration: SeriesHistogram<'operation' | 'type' | 'outcome'>;
  readonly errors: Counter<'code'>;
  private readonly operationNames = new Set<string>();
  private readonly trustedOperationNames = new Set<string>();

  constructor(readonly service: string, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    // Embedded mode runs eight services in one process: its process metrics need reporting once.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new SeriesCounter('http_requests_total', 'HTTP requests by route and status code.', ['route', 'status'], this.registry);
    this.operationDuration = this.histogram('graphql_operation_duration_seconds', 'GraphQL operations from parse to response, by operation name, type and outcome (ok or error).', ['operation', 'type', 'outcome']);
    this.errors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors returned to callers, by extensions.code.', labelNames: ['code'], registers: [this.registry] });
  }

  /** A histogram in this registry, with the shared latency buckets. */
  histogram<L extends string>(name: string, help: string, labelNames: L[]): SeriesHistogram<L> {
    return new SeriesHistogram(name, help, labelNames, LATENCY_BUCKETS, this.registry);
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
    res.once('finish', () => this.httpRequests.series({ route, status: String(res.statusCode) }).value++);
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
            operationDuration.series({ operation: label(operationName, !failed), type: operation?.operation ?? 'unknown', outcome: failed ? 'error' : 'ok' }).observe(seconds);
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

/*
 * Counters and histograms on the request path, exported exactly as prom-client's Counter and
 * Histogram export them (metrics.test.ts compares the two), but found by one Map lookup per
 * observation: prom-client validates and hashes the label object on every inc() and observe(),
 * which the router's profile put at about 2% of its CPU per request. Label values are not
 * checked here; callers pass bounded sets (route names, operation labels, subgraph names).
 */

/** The series of one label set, in label-name order; the key joins the values. */
function seriesKey<L extends string>(labelNames: readonly L[], labels: Record<L, string>): string {
  let key = labels[labelNames[0]!];
  for (let i = 1; i < labelNames.length; i++) key += `\u0000${labels[labelNames[i]!]}`;
  return key;
}

/** A counter of HTTP requests (or anything else counted per label set): `series(labels).value++`. */
export class SeriesCounter<L extends string> {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly all = new Map<string, { labels: Record<L, string>; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The count of one label set, made at zero on first use. */
  series(labels: Record<L, string>): { value: number } {
    const key = seriesKey(this.labelNames, labels);
    let series = this.all.get(key);
    if (!series) this.all.set(key, (series = { labels: { ...labels }, value: 0 }));
    return series;
  }

  async get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: [...this.all.values()].map(({ labels, value }) => ({ value, labels: { ...labels } })) };
  }

  reset(): void {
    this.all.clear();
  }
}

/** One label set of a SeriesHistogram. */
export class HistogramSeries {
  sum = 0;
  count = 0;
  /** Observations per bucket (not cumulative), by the index of its upper bound. */
  readonly counts: number[];

  constructor(
    readonly labels: Record<string, string>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    this.sum += value;
    this.count++;
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.counts[i]!++;
        return;
      }
    }
  }
}

/** A latency histogram: `series(labels).observe(seconds)`. */
export class SeriesHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly all = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  series(labels: Record<L, string>): HistogramSeries {
    const key = seriesKey(this.labelNames, labels);
    let series = this.all.get(key);
    if (!series) this.all.set(key, (series = new HistogramSeries({ ...labels }, this.bounds)));
    return series;
  }

  /** What the text exposition reads: the series' labels apart from `le`, as prom-client's Histogram gives them. */
  async getForPromString() {
    const values: { labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string; exemplar?: null }[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.all.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += series.counts[i]!;
        values.push({ labels: { le }, sharedLabels: series.labels, value: cumulative, metricName: bucket, exemplar: null });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucket, exemplar: null });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** What getMetricsAsJSON (and so the cluster's and embedded mode's aggregation) reads: every label on each value. */
  async get() {
    const data = await this.getForPromString();
    return { ...data, values: data.values.map(({ sharedLabels, labels, ...value }) => ({ ...value, labels: { ...labels, ...sharedLabels } })) };
  }

  reset(): void {
    this.all.clear();
  }
}
