import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, startTracing, type Tracing } from '@bookstore/server-core';
import { gql } from '@bookstore/testing';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded, type Embedded } from '../src/embedded.js';

// Metrics and traces as an operator sees them: /metrics scraped after real traffic, and the
// spans one request leaves across the router, the subgraphs and their SQL.
const PAGE = 'query CataloguePage { books(first: 3, sort: TITLE) { edges { node { title rating { average } } } } }';

let app: Embedded;
let dataDir: string;
let tracing: Tracing;
let client: Client | undefined;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'bookstore-test', exporter });
  dataDir = await mkdtemp(join(tmpdir(), 'observability-'));
  const zero = freePorts();
  app = await startEmbedded(loadConfig({ ...zero, DATA_DIR: dataDir }), createLogger('observability-test', 'silent'));
});

afterAll(async () => {
  await client?.dispose();
  await app?.stop();
  await tracing?.shutdown();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The process's one metrics endpoint: the router's series and every subgraph's, by `service`. */
const scrape = async () => {
  const res = await fetch(`${app.metricsUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};
/** The value of the first series of `name` whose labels include every `labels` pair. */
const valueOf = (text: string, name: string, labels: Record<string, string>) => {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
};

describe('metrics', () => {
  it('are served on the metrics port only: the public ports answer 404', async () => {
    expect((await fetch(`${app.routerUrl}/metrics`)).status).toBe(404);
    expect((await fetch(app.subgraphUrls['catalog']!.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    expect(new URL(app.metricsUrl).port).not.toBe(new URL(app.routerUrl).port);
  });

  it('counts operations, errors by code, subgraph fetches and subscriptions at the router', async () => {
    const customer = app.demoAccounts.find((a) => a.role === 'CUSTOMER')!;
    const login = await gql(app.routerUrl, 'mutation Login($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: customer.username, password: customer.password } });
    const token = login.data!.login.accessToken as string;
    for (let i = 0; i < 3; i++) expect((await gql(app.routerUrl, PAGE)).errors).toBeUndefined();
    expect((await gql(app.routerUrl, '{ noSuchField }')).errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    client = createClient({ url: `${app.routerUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
    client.subscribe({ query: 'subscription { myOrderUpdates { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    await expect.poll(async () => valueOf(await scrape(), 'router_subscriptions_active', { service: 'router', subgraph: 'orders' }), { timeout: 10_000 }).toBe(1);

    const text = await scrape();
    expect(valueOf(text, 'graphql_operation_duration_seconds_count', { service: 'router', operation: 'CataloguePage', type: 'query', outcome: 'ok' })).toBe(3);
    expect(valueOf(text, 'graphql_errors_total', { service: 'router', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(valueOf(text, 'http_requests_total', { service: 'router', route: 'graphql', status: '200' })).toBeGreaterThanOrEqual(4);
    expect(valueOf(text, 'router_subgraph_fetch_duration_seconds_count', { subgraph: 'catalog', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(text, 'router_subgraph_fetch_duration_seconds_count', { subgraph: 'reviews', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(text, 'router_websocket_connections', { service: 'router' })).toBe(1);
    expect(valueOf(text, 'process_resident_memory_bytes', { service: 'router' })).toBeGreaterThan(0);
  });

  it('reports queue depth, outbox backlog and handled events at a subgraph', async () => {
    const text = await scrape();
    expect(valueOf(text, 'graphql_operation_duration_seconds_count', { service: 'catalog', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(text, 'events_queue_jobs', { queue: 'catalog', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'events_queue_jobs', { queue: 'catalog', state: 'failed' })).toBe(0);
    expect(valueOf(text, 'events_outbox_backlog', { service: 'catalog' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'events_total', { service: 'catalog', outcome: 'relayed' })).toBeGreaterThanOrEqual(0);
    // Subgraphs of one process leave process metrics to the router's /metrics.
    expect(valueOf(text, 'process_resident_memory_bytes', { service: 'catalog' })).toBeUndefined();
  });
});

describe('tracing', () => {
  it('records one trace from the router through the catalog and reviews subgraphs down to their SQL', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${app.routerUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: PAGE }),
    });
    expect(res.status).toBe(200);
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const serviceSpan = (spans: ReadableSpan[], service: string) => spans.find((s) => s.attributes['bookstore.service'] === service);
    // @apollo/gateway's own spans (gateway.request, gateway.fetch...) end just after the response.
    await expect.poll(() => ['router', 'catalog subgraph', 'reviews subgraph'].every((service) => serviceSpan(inTrace(), service)) && inTrace().some((s) => s.name === 'gateway.request')).toBe(true);
    const spans = inTrace();
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const ancestors = (span: ReadableSpan) => {
      const chain: string[] = [];
      for (let parent = byId.get(span.parentSpanContext?.spanId ?? ''); parent; parent = byId.get(parent.parentSpanContext?.spanId ?? '')) chain.push(parent.name);
      return chain;
    };
    const router = serviceSpan(spans, 'router')!;
    expect(router.parentSpanContext?.spanId).toBe('00f067aa0ba902b7'); // continues the caller's trace
    for (const name of ['catalog', 'reviews']) {
      const subgraph = serviceSpan(spans, `${name} subgraph`)!;
      expect(ancestors(subgraph)).toEqual([`subgraph ${name}`, 'gateway.fetch', 'gateway.execute', 'gateway.request', 'POST /graphql']);
      const sql = spans.filter((s) => s.attributes['db.system.name'] === 'postgresql' && s.parentSpanContext?.spanId === subgraph.spanContext().spanId);
      expect(sql.length, `${name} SQL spans`).toBeGreaterThan(0);
    }
  });

  it('follows an order through its events: the saga continues the trace of the request that placed it', async () => {
    const customer = app.demoAccounts.find((a) => a.role === 'CUSTOMER')!;
    const login = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: customer.username, password: customer.password } });
    const token = login.data!.login.accessToken as string;
    const page = await gql(app.routerUrl, '{ books(first: 1, sort: TITLE) { edges { node { id } } } }');
    const bookId = page.data!.books.edges[0].node.id as string;
    exporter.reset();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const placed = await gql(
      app.routerUrl,
      'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
      { i: { items: [{ bookId, quantity: 1 }], shippingAddress: { line1: '1 Trace Lane', city: 'York', postalCode: 'YO1 7HH', country: 'GB' } } },
      { token, headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } },
    );
    expect(placed.errors).toBeUndefined();
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // orders wrote order.placed; catalog reserved stock and wrote stock.reserved; orders handled it.
    // The request's spans and the saga's reach the exporter in no fixed order under load (a run
    // once found the router's spans missing after both events' spans had arrived): the whole
    // chain is awaited.
    const chainOfReserved = () => {
      const spans = inTrace();
      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      const reserved = spans.find((s) => s.name === 'process stock.reserved');
      const chain: string[] = [];
      for (let parent = byId.get(reserved?.parentSpanContext?.spanId ?? ''); parent; parent = byId.get(parent.parentSpanContext?.spanId ?? '')) chain.push(parent.name);
      return chain;
    };
    await expect.poll(() => chainOfReserved().at(-1), { timeout: 30_000 }).toBe('POST /graphql'); // the router's span, under the caller's
    expect(chainOfReserved()).toContain('process order.placed');
  });
});
