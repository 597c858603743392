import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { BadUserInputError, DEFAULT_MAX_BODY_BYTES, ErrorCode, maskError, RateLimitedError, RequestError, verifyAuthorization, type Credentials, type Logger, type RevocationCheck, type TokenVerifier } from '@bookstore/kit';
import { getOperationAST, parse, type GraphQLError, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
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
  /** Subscriptions one connection may hold at once, default 25. */
  maxSubscriptionsPerConnection?: number;
  /** A socket that sends no connection_init this soon is closed (4408), default 3 000 ms. */
  connectionInitWaitTimeoutMs?: number;
  /** Per-client limits (open sockets, subscribe rate, idle sockets), by `clientAddress`. */
  clientLimits: WsClientLimits;
  /** The caller's address as the router counts it (TRUSTED_PROXIES applies). */
  clientAddress: (req: IncomingMessage) => string;
  logger: Logger;
}

/** A revocation list that says when it changed. */
export interface RevocationWatch extends RevocationCheck {
  onChange(listener: () => void): () => void;
}

/** Per-socket state, set at connection_init. */
interface Connection {
  credentials: Credentials | null;
  active: number;
  expiry?: NodeJS.Timeout;
}

/** Close reasons the router sends (graphql-ws's CloseCode numbers; the text is the same in production). */
const TOKEN_EXPIRED = { code: CloseCode.Forbidden, reason: 'Forbidden: the access token expired; reconnect with a fresh one' };
const TOKEN_REVOKED = { code: CloseCode.Forbidden, reason: 'Forbidden: the access token was revoked; sign in again' };
const SHUTTING_DOWN = { code: 1001, reason: 'Going away' };

/**
 * graphql-ws on the router's `/graphql` path and port. The token in connectionParams is checked
 * at connection_init (a bad one closes the socket with 4403); each subscription is parsed,
 * validated with the router's rules, planned, and served by the hub.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { readonly connections: number; close(): Promise<void> } {
  const maxPerConnection = options.maxSubscriptionsPerConnection ?? 25;
  const connections = new WeakMap<WebSocket, Connection>();
  // The same 2 MB bound as HTTP bodies (ws would accept 100 MiB messages).
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: DEFAULT_MAX_BODY_BYTES });
  // Upgrades by hand so a socket past its address's cap is closed before graphql-ws sees it.
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const refusal = options.clientLimits.admit(ws, options.clientAddress(req));
      if (refusal) ws.close(refusal.code, refusal.reason);
      else wss.emit('connection', ws, req);
    });
  options.httpServer.on('upgrade', onUpgrade);
  const connectionOf = (socket: WebSocket): Connection => {
    const connection = connections.get(socket);
    if (!connection) throw new Error('subscription before connection_init was accepted');
    return connection;
  };

  const disposable = useServer<Record<string, unknown> | undefined, { socket: WebSocket }>(
    {
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
      onConnect: async (ctx) => {
        const raw = authorizationParam(ctx.connectionParams);
        let connection: Connection;
        try {
          connection = { credentials: await verifyAuthorization(typeof raw === 'string' ? raw : undefined, options.verifyToken), active: 0 };
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        const { credentials } = connection;
        if (credentials) {
          // Subgraphs checked this token once; the socket must not outlive it.
          connection.expiry = setTimeout(() => ctx.extra.socket.close(TOKEN_EXPIRED.code, TOKEN_EXPIRED.reason), Math.max(0, credentials.expiresAt - Date.now()));
        }
        connections.set(ctx.extra.socket, connection);
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(connections.get(ctx.extra.socket)?.expiry);
      },
      onSubscribe: async (ctx, _id, payload) => {
        // First, before any parsing: every subscribe message counts against the address's rate.
        const limited = await options.clientLimits.countSubscribe(ctx.extra.socket);
        if (limited) return [limited];
        const planner = options.planner();
        if (!planner) return [new RequestError('The supergraph is not loaded yet; try again shortly.', ErrorCode.BAD_REQUEST)];
        let document: DocumentNode;
        try {
          options.checkQuery(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new RequestError((error as Error).message, ErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        const invalid = validate(planner.apiGraphQLSchema, document, [...specifiedRules, ...options.rules]);
        if (invalid.length > 0) return invalid.map((e) => new RequestError(e.message, ErrorCode.GRAPHQL_VALIDATION_FAILED));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new RequestError('The document has no operation of that name.', ErrorCode.BAD_REQUEST)];
        if (operation.operation !== 'subscription') {
          return [new RequestError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', ErrorCode.BAD_REQUEST)];
        }
        const coerced = getVariableValues(planner.apiGraphQLSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors.map((e) => new BadUserInputError(e.message));
        const connection = connectionOf(ctx.extra.socket);
        if (connection.active >= maxPerConnection) {
          return [new RateLimitedError(`A connection may hold at most ${maxPerConnection} subscriptions; complete one first.`)];
        }
        let node;
        try {
          node = planner.plan(document, payload.operationName ?? undefined);
        } catch (error) {
          options.logger.warn({ err: error }, 'subscription could not be planned');
          return [new RequestError('This subscription cannot be planned against the supergraph.', ErrorCode.BAD_REQUEST)];
        }
        const request: SubscriptionRequest = {
          planner,
          node,
          document,
          operationName: payload.operationName ?? undefined,
          variables: coerced.coerced,
          credentials: connection.credentials,
        };
        connection.active++;
        options.clientLimits.subscriptionStarted(ctx.extra.socket);
        const args: ExecutionArgs = { schema: planner.apiGraphQLSchema, document, operationName: payload.operationName, variableValues: coerced.coerced, contextValue: request };
        return args;
      },
      // Runs for every accepted subscription when it ends, whoever ended it.
      onComplete: (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        if (connection) connection.active--;
        options.clientLimits.subscriptionEnded(ctx.extra.socket);
      },
      // The hub yields results whose errors are already formatted and masked; they are sent as they are.
      subscribe: (args) => options.hub.subscribe(args.contextValue as SubscriptionRequest) as unknown as AsyncGenerator<ExecutionResult>,
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => maskError(error.toJSON())),
      execute: () => {
        throw new Error('unreachable: onSubscribe admits only subscriptions');
      },
    },
    wss,
  );

  // verifyToken checked each socket's token once; a revocation arriving later closes the socket, as expiry does.
  const unwatch = options.revocations?.onChange(() => {
    for (const socket of wss.clients) {
      const credentials = connections.get(socket)?.credentials;
      if (credentials && options.revocations!.isRevoked(credentials.viewer.id, credentials.tokenVersion)) socket.close(TOKEN_REVOKED.code, TOKEN_REVOKED.reason);
    }
  });

  return {
    /** Open client WebSockets. */
    get connections() {
      return wss.clients.size;
    },
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      unwatch?.();
      for (const socket of wss.clients) socket.close(SHUTTING_DOWN.code, SHUTTING_DOWN.reason);
      options.hub.close();
      await disposable.dispose();
      await options.hub.closeUpstream();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * The caller's "Bearer <token>" from connection_init: `authorization` (graphql-ws clients),
 * `Authorization`, or inside `headers` (clients that send their HTTP headers as the payload).
 */
function authorizationParam(params: Record<string, unknown> | undefined): unknown {
  const headers = params?.['headers'];
  const nested = headers && typeof headers === 'object' ? (headers as Record<string, unknown>) : {};
  return params?.['authorization'] ?? params?.['Authorization'] ?? nested['authorization'] ?? nested['Authorization'];
}
