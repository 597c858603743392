import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_IP_HEADER, injectTraceContext, inSpan, REQUEST_ID_HEADER, ROUTER_SECRET_HEADER, SpanKind, tracingActive } from '@bookstore/kit';
import type { Histogram } from 'prom-client';
import type { RouterContext } from './context.js';

/**
 * How the router calls a subgraph. The outgoing headers are built from scratch here, never
 * copied from the client, so client-sent internal headers cannot reach a subgraph: only the
 * caller's token (each subgraph verifies it again), the request id and trace context pass.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    name: string,
    url: string,
    timeoutMs: number,
    private readonly routerSecret: string | undefined,
    fetchDuration?: Histogram<'subgraph' | 'outcome'>,
  ) {
    const timedFetch = async (input: string, init?: RequestInit): Promise<Response> => {
      const stopTimer = fetchDuration?.startTimer({ subgraph: name });
      try {
        const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        stopTimer?.({ outcome: response.ok ? 'ok' : `http_${response.status}` });
        return response;
      } catch (error) {
        stopTimer?.({ outcome: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'error' });
        throw error;
      }
    };
    super({
      url,
      // Node's fetch (undici) pools keep-alive connections per origin.
      fetcher: (async (input: string, init?: RequestInit) => {
        if (!tracingActive()) return timedFetch(input, init);
        return inSpan(`subgraph ${name}`, SpanKind.CLIENT, { 'bookstore.subgraph': name, 'server.address': url }, async (span) => {
          // The subgraph's span becomes a child of this fetch's span.
          const headers = new Headers(init?.headers);
          injectTraceContext(headers);
          const response = await timedFetch(input, { ...init, headers });
          span.setAttribute('http.response.status_code', response.status);
          return response;
        });
      }) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (this.routerSecret) headers.set(ROUTER_SECRET_HEADER, this.routerSecret);
    if (!context || !('requestId' in context)) return; // health checks carry no caller
    if (context.authorization) headers.set('authorization', context.authorization);
    headers.set(REQUEST_ID_HEADER, context.requestId);
    headers.set(CLIENT_IP_HEADER, context.clientIp);
    headers.set('traceparent', context.trace.traceparent);
    if (context.trace.tracestate) headers.set('tracestate', context.trace.tracestate);
  }
}
