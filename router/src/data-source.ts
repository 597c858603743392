import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { CLIENT_IP_HEADER, injectTraceContext, inSpan, REQUEST_ID_HEADER, ROUTER_SECRET_HEADER, SpanKind, tracingActive } from '@bookstore/kit';
import type { Histogram } from 'prom-client';
import { Pool } from 'undici';
import type { RouterContext } from './context.js';

/** Keep-alive connections per subgraph origin and router process: beyond this, fetches queue. */
const CONNECTIONS_PER_SUBGRAPH = 128;

/**
 * One undici connection pool per subgraph origin, shared by every data source of a router
 * (the gateway's, rebuilt on each supergraph reload, and the subscriptions'). Node's global
 * fetch cost the router a quarter of its CPU (web streams, a Request object and an AbortSignal
 * per fetch); a pool's `request` skips all three.
 */
export class SubgraphPools {
  private readonly pools = new Map<string, Pool>();

  for(url: URL): Pool {
    let pool = this.pools.get(url.origin);
    if (!pool) {
      // Subgraphs keep idle sockets 65 s; closing ours first avoids reusing one being closed.
      pool = new Pool(url.origin, { connections: CONNECTIONS_PER_SUBGRAPH, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
      this.pools.set(url.origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  pools: SubgraphPools;
  /** Bound on waiting for a subgraph's response headers, and on each gap in its body, in ms. */
  timeoutMs: number;
  routerSecret: string | undefined;
  fetchDuration?: Histogram<'subgraph' | 'outcome'>;
}

/** The part of a fetch Response that RemoteGraphQLDataSource reads (errors, cache-control). */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly text_: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = this.ok ? 'OK' : `HTTP ${status}`;
    this.headers = {
      get: (name) => {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.text_;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.text_);
  }
}

/**
 * How the router calls a subgraph. The outgoing headers are built from scratch here, never
 * copied from the client, so client-sent internal headers cannot reach a subgraph: only the
 * caller's token (each subgraph verifies it again), the request id and trace context pass.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly target: URL;
  private readonly path: string;

  constructor(private readonly settings: SubgraphDataSourceOptions) {
    super({ url: settings.url });
    this.target = new URL(settings.url);
    this.path = `${this.target.pathname}${this.target.search}`;
  }

  /**
   * RemoteGraphQLDataSource.process without its node-fetch Headers and Request objects and
   * without APQ (the router sends subgraphs full queries), on the subgraph's undici pool.
   */
  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const context = 'context' in options ? (options.context as RouterContext | undefined) : undefined;
    const headers = this.headersFor(context);
    const { http: _unused, ...graphqlRequest } = request;
    const body = JSON.stringify(graphqlRequest);
    const response = tracingActive()
      ? await inSpan(`subgraph ${this.settings.name}`, SpanKind.CLIENT, { 'bookstore.subgraph': this.settings.name, 'server.address': this.settings.url }, async (span) => {
          injectTraceContext(headers); // the subgraph's span becomes a child of this one
          const result = await this.post(headers, body);
          span.setAttribute('http.response.status_code', result.status);
          return result;
        })
      : await this.post(headers, body);
    if ('incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, response.headers.get('cache-control'));
    return response.graphql;
  }

  /**
   * Built from scratch, never copied from the client: the router's secret, the caller's
   * verified token, the request id, the caller's address and trace context, nothing else.
   */
  private headersFor(context: RouterContext | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.settings.routerSecret) headers[ROUTER_SECRET_HEADER] = this.settings.routerSecret;
    if (!context || !('requestId' in context)) return headers; // health checks carry no caller
    if (context.authorization) headers['authorization'] = context.authorization;
    headers[REQUEST_ID_HEADER] = context.requestId;
    headers[CLIENT_IP_HEADER] = context.clientIp;
    headers['traceparent'] = context.trace.traceparent;
    if (context.trace.tracestate) headers['tracestate'] = context.trace.tracestate;
    return headers;
  }

  private async post(headers: Record<string, string>, body: string): Promise<SubgraphResponse & { graphql: GatewayGraphQLResponse }> {
    const { name, timeoutMs, fetchDuration, pools } = this.settings;
    const stopTimer = fetchDuration?.startTimer({ subgraph: name });
    let response: SubgraphResponse;
    try {
      const answer = await pools.for(this.target).request({ path: this.path, method: 'POST', headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      response = new SubgraphResponse(this.settings.url, answer.statusCode, answer.headers, await answer.body.text());
    } catch (error) {
      const timedOut = error instanceof Error && /timeout/i.test(`${error.name} ${(error as { code?: string }).code ?? ''}`);
      stopTimer?.({ outcome: timedOut ? 'timeout' : 'error' });
      throw error;
    }
    stopTimer?.({ outcome: response.ok ? 'ok' : `http_${response.status}` });
    // RemoteGraphQLDataSource's own error (status, body, UNAUTHENTICATED/FORBIDDEN for 401/403).
    if (!response.ok) throw await this.errorFromResponse(response as never);
    const parsed = await this.parseBody(response as never);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    return Object.assign(response, { graphql: { ...(parsed as GatewayGraphQLResponse), http: response as never } });
  }
}

/** What RemoteGraphQLDataSource does with a subgraph's Cache-Control: the response is cacheable only as long as every part is. */
function restrictCachePolicy(policy: unknown, header: string | null): void {
  if (!policy || typeof policy !== 'object' || !('restrict' in policy)) return;
  const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(header ?? '')?.[1];
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: maxAge ? Number(maxAge) : 0 };
  if (/(?:^|,)\s*private\b/i.test(header ?? '')) hint.scope = 'PRIVATE';
  if (/(?:^|,)\s*public\b/i.test(header ?? '')) hint.scope = 'PUBLIC';
  (policy as { restrict(hint: unknown): void }).restrict(hint);
}

