import type { IncomingHttpHeaders, Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { TokenVerifier } from '@bookstore/server-core';
import { WsCloseCode, type WsClose } from '@bookstore/server-core';
import { maskError } from '@bookstore/server-core';
import { serveGraphQLWs, type GraphQLWsServer } from '@bookstore/server-core';
import type { Logger } from '@bookstore/server-core';
import { clientIpOf } from '@bookstore/server-core';
import type { RequestContext } from '@bookstore/server-core';
import { findUnstorableText, unstorableTextError } from './unstorable-text.js';

/** graphql-ws settings of a subgraph whose schema has a Subscription type. */
export interface SubscriptionOptions {
  /**
   * How long a socket may stay open without sending `connection_init`, in ms, before it is
   * closed with 4408; default 3_000 (3 seconds, graphql-ws's own default).
   */
  connectionInitWaitTimeoutMs?: number;
  /**
   * Interval between WebSocket pings, in ms; a peer that does not answer one within another
   * interval (a router that vanished without closing) is cut. Default 12_000 (12 seconds,
   * graphql-ws's own default).
   */
  keepAliveMs?: number;
}

export interface SubscriptionServerConfig<TContext extends RequestContext> {
  /** The subgraph's HTTP server: graphql-ws answers upgrades on its `/graphql`, HTTP keeps the rest. */
  httpServer: Server;
  schema: GraphQLSchema;
  createContext: (base: RequestContext) => TContext;
  verifyToken: TokenVerifier;
  /** Whether the upgrade request carries the router's shared secret (see router-secret.ts). */
  admits: (headers: IncomingHttpHeaders) => boolean;
  logger: Logger;
  /** Hides the details of internal failures in close reasons. */
  production: boolean;
  /** How long sockets get to finish the close handshake when stopping before they are cut, in ms. */
  stopGracePeriodMillis: number;
  options?: SubscriptionOptions;
}

/** A subgraph's graphql-ws endpoint; `close()` ends every socket with 1001 Going Away (see GraphQLWsServer). */
export type SubscriptionServer = Pick<GraphQLWsServer, 'close'>;

/** A socket upgraded without the router's secret: only the router may subscribe at a subgraph. */
const THROUGH_ROUTER_ONLY: WsClose = { code: WsCloseCode.Forbidden, reason: 'Forbidden: connect through the router' };

/**
 * Serves the schema's subscriptions over graphql-ws on the subgraph's HTTP server: the one
 * graphql-ws core (graphql-ws-server.ts) with the subgraph's admission (the router's secret),
 * its resolvers' context and the refusal of unstorable text. The token is checked at
 * connection_init with the verifier HTTP requests use; none means anonymous, and each resolver
 * decides. Every error a client sees goes through `maskError`, as over HTTP.
 */
export function serveSubscriptions<TContext extends RequestContext>(config: SubscriptionServerConfig<TContext>): SubscriptionServer {
  const { schema } = config;
  return serveGraphQLWs({
    httpServer: config.httpServer,
    verifyToken: config.verifyToken,
    admit: (_socket, request) => (config.admits(request.headers) ? undefined : THROUGH_ROUTER_ONLY),
    connectionInitWaitTimeoutMs: config.options?.connectionInitWaitTimeoutMs,
    keepAliveMs: config.options?.keepAliveMs,
    stopGracePeriodMillis: config.stopGracePeriodMillis,
    production: config.production,
    logger: config.logger,
    schema: () => schema,
    formatError: maskError,
    prepare(operation) {
      // The same refusal as over HTTP (subgraph-server.ts): no resolver sees text that cannot be stored.
      const unstorable = findUnstorableText(operation.document, operation.operation, operation.variables);
      if (unstorable) return [unstorableTextError(unstorable)];
      const { credentials, requestId, log } = operation;
      const contextValue = config.createContext({ viewer: credentials?.viewer ?? null, credentials, requestId, clientIp: clientIpOf(operation.request), log });
      // The raw variables: execution coerces them again, and a coerced custom scalar (a Date) would not parse twice.
      return { schema, document: operation.document, operationName: operation.operationName, variableValues: operation.variables, contextValue };
    },
  });
}
