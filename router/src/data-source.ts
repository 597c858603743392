import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { authorizationHeader, CLIENT_IP_HEADER, injectTraceContext, inSpan, REQUEST_ID_HEADER, ROUTER_SECRET_HEADER, SpanKind, tracingActive, type SeriesHistogram } from '@bookstore/server-core';
import type { RouterContext } from './context.js';
import type { SubgraphAnswer } from './subgraph-answers.js';
import { SubgraphPool, SubgraphTimeoutError } from './subgraph-client.js';

/** Keep-alive connections per subgraph origin and router process: beyond this, fetches queue. */
const CONNECTIONS_PER_SUBGRAPH = 128;

/**
 * One connection pool per subgraph origin (subgraph-client.ts), shared by every data source of a
 * router (the gateway's, rebuilt on each supergraph reload, and the subscriptions').
 */
export class SubgraphPools {
  private readonly pools = new Map<string, SubgraphPool>();

  for(url: URL): SubgraphPool {
    let pool = this.pools.get(url.origin);
    if (!pool) {
      // Subgraphs keep idle sockets 65 s; closing ours first avoids reusing one being closed.
      pool = new SubgraphPool(new URL(url.origin), { connections: CONNECTIONS_PER_SUBGRAPH, idleTimeoutMs: 60_000 });
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
  fetchDuration?: SeriesHistogram<'subgraph' | 'outcome'>;
}

/**
 * The subgraph refused the router itself (its shared secret did not match): an operator's
 * mistake, never the client's, so the client sees an internal error and the log says what to fix.
 */
export class SubgraphRefusedRouterError extends Error {
  constructor(subgraph: string) {
    super(`The ${subgraph} subgraph refused the router's request (HTTP 403): SUBGRAPH_SECRET differs between the router and that subgraph.`);
    this.name = 'SubgraphRefusedRouterError';
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
   * without APQ (the router sends subgraphs full queries), on the subgraph's connection pool.
   */
  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const context = 'context' in options ? (options.context as RouterContext | undefined) : undefined;
    const { http: _unused, ...graphqlRequest } = request;
    const answer = await this.send(JSON.stringify(graphqlRequest), context, 'incomingRequestContext' in options ? options.incomingRequestContext : undefined);
    return answer.graphql;
  }

  /**
   * Sends a request body already serialised as process() serialises one (the fast path builds
   * its bodies once per operation, fast-path.ts): the subgraph's answer, recorded for a replay
   * when the request keeps its answers, and restricting the client request's cache policy.
   */
  async send(body: string, context: RouterContext | undefined, incomingRequestContext?: { overallCachePolicy: unknown }): Promise<SubgraphAnswer> {
    const answers = context?.subgraphAnswers;
    const answer = answers ? await answers.answer(this.settings.name, body, () => this.fetch(context, body)) : await this.fetch(context, body);
    if (incomingRequestContext) restrictCachePolicy(incomingRequestContext.overallCachePolicy, answer.cacheControl);
    return answer;
  }

  private async fetch(context: RouterContext | undefined, body: string): Promise<SubgraphAnswer> {
    const headers = this.headersFor(context);
    return tracingActive()
      ? await inSpan(`subgraph ${this.settings.name}`, SpanKind.CLIENT, { 'bookstore.subgraph': this.settings.name, 'server.address': this.settings.url }, async (span) => {
          injectTraceContext(headers); // the subgraph's span becomes a child of this one
          const result = await this.post(headers, body);
          span.setAttribute('http.response.status_code', result.status);
          return result;
        })
      : await this.post(headers, body);
  }

  /**
   * Built from scratch, never copied from the client: the router's secret, the caller's
   * verified token, the request id, the caller's address and trace context, nothing else.
   */
  private headersFor(context: RouterContext | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.settings.routerSecret) headers[ROUTER_SECRET_HEADER] = this.settings.routerSecret;
    if (!context || !('requestId' in context)) return headers; // health checks carry no caller
    if (context.credentials) headers['authorization'] = authorizationHeader(context.credentials);
    headers[REQUEST_ID_HEADER] = context.requestId;
    headers[CLIENT_IP_HEADER] = context.clientIp;
    headers['traceparent'] = context.trace.traceparent;
    if (context.trace.tracestate) headers['tracestate'] = context.trace.tracestate;
    return headers;
  }

  /**
   * One POST to the subgraph. A GraphQL body is the answer whatever the HTTP status (DESIGN.md,
   * Errors across the router): a subgraph answers 401 when the token it checked again has expired
   * and 429 when it throttles, and those coded errors, with any data beside them, are the
   * client's to see. Only a 403 (the router's secret refused) or a body that is not GraphQL
   * is a failure of the fetch itself.
   */
  private async post(headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    const { name, timeoutMs, fetchDuration, pools } = this.settings;
    const started = performance.now();
    const stopTimer = (outcome: string) => fetchDuration?.series({ subgraph: name, outcome }).observe((performance.now() - started) / 1000);
    let status: number;
    let text: string;
    let cacheControl: string | null;
    try {
      const answer = await pools.for(this.target).post(this.path, headers, body, timeoutMs);
      status = answer.status;
      cacheControl = answer.headers.get('cache-control') ?? null;
      text = answer.body;
    } catch (error) {
      stopTimer(error instanceof SubgraphTimeoutError ? 'timeout' : 'error');
      throw error;
    }
    const ok = status >= 200 && status < 300;
    stopTimer(ok ? 'ok' : `http_${status}`);
    if (status === 403) throw new SubgraphRefusedRouterError(name);
    const read = graphqlResponseOf(text);
    if (!read) throw new Error(`The ${name} subgraph answered HTTP ${status} without a GraphQL response.`);
    return { status, cacheControl, graphql: read.graphql, dataText: read.dataText };
  }
}

const DATA_PREFIX = '{"data":';

/**
 * The GraphQL response in a subgraph's body (`data` and/or `errors`), or undefined when it holds
 * none; and when the body held nothing but a non-null `data` object, that object's JSON text as
 * the subgraph wrote it: the fast path's pass-through sends it to the client as it came instead
 * of serialising the parsed object again.
 */
export function graphqlResponseOf(text: string): { graphql: GatewayGraphQLResponse; dataText: string | undefined } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { data, errors, extensions } = parsed as Record<string, unknown>;
  const hasData = typeof data === 'object' && !Array.isArray(data); // null included
  const hasErrors = Array.isArray(errors) && errors.length > 0;
  if (!hasData && !hasErrors) return undefined;
  const graphql: GatewayGraphQLResponse = {};
  if (hasData) graphql.data = data as GatewayGraphQLResponse['data'];
  if (hasErrors) graphql.errors = errors as GatewayGraphQLResponse['errors'];
  if (typeof extensions === 'object' && extensions !== null) graphql.extensions = extensions as Record<string, unknown>;
  // Parsed whole as one object whose only member is a non-null `data` object, written first with
  // no space before it: what follows the prefix up to the closing brace is that object's text.
  let dataText: string | undefined;
  if (data && !errors && !extensions && text.startsWith(DATA_PREFIX) && isOnlyMember(parsed, 'data')) {
    let end = text.length - 1;
    while (end > 0 && text.charCodeAt(end) !== 0x7d /* } */) end--;
    dataText = text.slice(DATA_PREFIX.length, end);
  }
  return { graphql, dataText };
}

function isOnlyMember(object: object, key: string): boolean {
  let count = 0;
  for (const name in object) if (name !== key || ++count > 1) return false;
  return count === 1;
}

/** What RemoteGraphQLDataSource does with a subgraph's Cache-Control: the response is cacheable only as long as every part is. */
function restrictCachePolicy(policy: unknown, header: string | null): void {
  if (!policy || typeof policy !== 'object' || !('restrict' in policy)) return;
  (policy as { restrict(hint: CacheHint): void }).restrict(cacheHintOf(header));
}

interface CacheHint {
  maxAge: number;
  scope?: 'PRIVATE' | 'PUBLIC';
}

/** A subgraph sends one of a few Cache-Control values again and again: each is read once (a bounded number kept). */
const cacheHints = new Map<string | null, Readonly<CacheHint>>();
const CACHE_HINTS_MAX = 100;

export function cacheHintOf(header: string | null): Readonly<CacheHint> {
  let hint = cacheHints.get(header);
  if (hint) return hint;
  const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(header ?? '')?.[1];
  const read: CacheHint = { maxAge: maxAge ? Number(maxAge) : 0 };
  if (/(?:^|,)\s*private\b/i.test(header ?? '')) read.scope = 'PRIVATE';
  if (/(?:^|,)\s*public\b/i.test(header ?? '')) read.scope = 'PUBLIC';
  hint = Object.freeze(read);
  if (cacheHints.size < CACHE_HINTS_MAX) cacheHints.set(header, hint);
  return hint;
}

