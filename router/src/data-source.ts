import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER, ROUTER_SECRET_HEADER } from '@bookstore/kit';
import type { RouterContext } from './context.js';

/**
 * How the router calls a subgraph. The outgoing headers are built from scratch here, never
 * copied from the client, so client-sent internal headers cannot reach a subgraph: only the
 * caller's token (each subgraph verifies it again), the request id and trace context pass.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    url: string,
    timeoutMs: number,
    private readonly routerSecret: string | undefined,
  ) {
    super({
      url,
      // Node's fetch (undici) pools keep-alive connections per origin.
      fetcher: ((input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'],
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
