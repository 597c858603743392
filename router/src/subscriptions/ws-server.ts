import type { IncomingMessage, Server } from 'node:http';
import { ErrorCode, RequestError, serveGraphQLWs, type Logger, type RevocationWatch, type TokenVerifier } from '@bookstore/server-core';
import type { ExecutionArgs, FormattedExecutionResult, GraphQLFormattedError, ValidationRule } from 'graphql';
import type { SubscriptionNode } from '@apollo/query-planner';
import type { WsClientLimits } from './client-limits.js';
import type { SubscriptionHub, SubscriptionRequest } from './hub.js';
import type { SubscriptionPlanner } from './planner.js';

export interface SubscriptionServerOptions {
  httpServer: Server;
  hub: SubscriptionHub;
  /** The planner of the supergraph in use; undefined until the first one loads. */
  planner: () => SubscriptionPlanner | undefined;
  verifyToken: TokenVerifier;
  /** The revocation list behind `verifyToken`: when it changes, sockets whose token it now revokes are closed (4403). */
  revocations?: RevocationWatch;
  /** The router's own validation rules (limits), the same as over HTTP. */
  rules: ValidationRule[];
  /** The operation-text checks HTTP makes before parsing (token limit, safelist); throws a coded error. */
  checkQuery: (query: string) => void;
  /** The router's error formatter (routerErrorFormatter), the same as over HTTP. */
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** Subscriptions one connection may hold at once, default 25. */
  maxSubscriptionsPerConnection?: number;
  /** A socket that sends no connection_init this soon is closed (4408), default 3 000 ms. */
  connectionInitWaitTimeoutMs?: number;
  /** Per-client limits (open sockets, subscribe rate, idle sockets), by `clientAddress`. */
  clientLimits: WsClientLimits;
  /** The caller's address as the router counts it (TRUSTED_PROXIES applies). */
  clientAddress: (req: IncomingMessage) => string;
  /** Hides internal detail in close reasons. */
  production: boolean;
  logger: Logger;
}

/**
 * graphql-ws on the router's `/graphql` path and port: the kit's one graphql-ws core
 * (graphql-ws-server.ts, which checks the token at connection_init and ties each socket to its
 * token's expiry and revocation) with the router's extras: the per-address limits, its operation
 * limits and safelist, and each subscription planned against the supergraph and served by the hub.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { readonly connections: number; close(): Promise<void> } {
  const { clientLimits, hub, logger } = options;
  const server = serveGraphQLWs({
    httpServer: options.httpServer,
    verifyToken: options.verifyToken,
    revocations: options.revocations,
    admit: (socket, request) => clientLimits.admit(socket, options.clientAddress(request)),
    countSubscribe: (socket) => clientLimits.countSubscribe(socket),
    onSubscriptionStart: (socket) => clientLimits.subscriptionStarted(socket),
    onSubscriptionEnd: (socket) => clientLimits.subscriptionEnded(socket),
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? 25,
    connectionInitWaitTimeoutMs: options.connectionInitWaitTimeoutMs,
    production: options.production,
    logger,
    schema: () => options.planner()?.apiGraphQLSchema,
    rules: options.rules,
    checkQuery: options.checkQuery,
    formatError: options.formatError,
    prepare(operation) {
      // The planner whose schema the operation was just validated against (no await since).
      const planner = options.planner()!;
      let node: SubscriptionNode;
      try {
        node = planner.plan(operation.document, operation.operationName);
      } catch (error) {
        logger.warn({ err: error }, 'subscription could not be planned');
        return [new RequestError('This subscription cannot be planned against the supergraph.', ErrorCode.BAD_REQUEST)];
      }
      const { document, operationName, coercedVariables: variables, credentials } = operation;
      const request: SubscriptionRequest = { planner, node, document, operationName, variables, credentials };
      return { schema: operation.schema, document, operationName, variableValues: variables, contextValue: request } satisfies ExecutionArgs;
    },
    // The hub yields results whose errors are already formatted and masked; they are sent as they are.
    subscribe: (args): AsyncIterable<FormattedExecutionResult> => hub.subscribe(args.contextValue as SubscriptionRequest),
  });
  return {
    /** Open client WebSockets. */
    get connections() {
      return server.connections;
    },
    async close() {
      await server.close();
      hub.close();
      await hub.closeUpstream();
    },
  };
}
