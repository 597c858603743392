import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  getVariableValues,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { FormattedExecutionResult, OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { expiredToken, revokedToken, verifyAuthorization, type Credentials, type TokenVerifier } from './auth.js';
import { forbiddenClose, GOING_AWAY, internalServerErrorClose, type WsClose } from './close-codes.js';
import { BadUserInputError, ErrorCode, isUnexpectedError, RateLimitedError, RequestError, UnauthenticatedError } from './errors.js';
import { DEFAULT_MAX_BODY_BYTES } from './http.js';
import type { Logger } from './logger.js';
import type { RevocationWatch } from './revocations.js';
import { ValidatedDocuments } from './validated-documents.js';

/**
 * The one graphql-ws server of the product, as graphql-ws has one `makeServer` under its thin
 * `use/*` adapters: the subgraphs' (subscription-server.ts) and the router's
 * (router/src/subscriptions/ws-server.ts) are options of this. It owns what both must do alike:
 * the token at connection_init, the socket's lifetime (its token's expiry and revocation), the
 * init timeout, parsing and validating each operation, and every close code (close-codes.ts).
 */
export interface GraphQLWsServerOptions {
  /** The HTTP server whose upgrades on `/graphql` become graphql-ws sockets; HTTP keeps the rest. */
  httpServer: Server;
  verifyToken: TokenVerifier;
  /**
   * The revocation list behind `verifyToken`: when it changes, sockets whose token it now
   * revokes are closed (4403). Unset: a socket ends with its token's expiry only.
   */
  revocations?: RevocationWatch;
  /**
   * Decides on a socket just upgraded, before graphql-ws sees it: undefined serves it, a close
   * refuses it (the router's per-address cap, a subgraph's router secret). Default: serve all.
   */
  admit?: (socket: WebSocket, request: IncomingMessage) => WsClose | undefined;
  /** A socket that sends no connection_init this soon is closed with 4408; default 3_000 ms (graphql-ws's own). */
  connectionInitWaitTimeoutMs?: number;
  /**
   * Interval between WebSocket pings, in ms; a peer that does not answer one within another
   * interval (a router that vanished without closing) is cut. Default 12_000 (graphql-ws's own).
   */
  keepAliveMs?: number;
  /** Subscriptions one socket may hold at once (RATE_LIMITED beyond); default: no limit. */
  maxSubscriptionsPerConnection?: number;
  /** How long sockets get to finish the close handshake when the server closes, in ms; default 10_000. */
  stopGracePeriodMillis?: number;
  /** Hides internal detail in close reasons. */
  production: boolean;
  logger: Logger;

  /** The schema operations are validated against; undefined while there is none yet (a router before its first supergraph). */
  schema: () => GraphQLSchema | undefined;
  /** Validation rules besides graphql-js's own (the router's operation limits), depending on the document and schema alone: a valid operation is kept by its text (ValidatedDocuments); default none. */
  rules?: readonly ValidationRule[];
  /** Checks of an operation's text before it is parsed (the router's token limit and safelist); throws a coded error. */
  checkQuery?: (query: string) => void;
  /** Counts each `subscribe` message before anything else (the router's per-address rate); an error refuses it. */
  countSubscribe?: (socket: WebSocket) => Promise<GraphQLError | undefined>;
  /**
   * Turns a valid subscription into what runs: its execution arguments (with the caller's
   * `contextValue`), or the errors that refuse it.
   */
  prepare: (operation: ValidOperation) => ExecutionArgs | readonly GraphQLError[];
  /**
   * The caller's own event source (the router's hub), yielding results already formatted for
   * the client. Default: graphql-js's subscribe, whose errors are formatted with `formatError`.
   */
  subscribe?: (args: ExecutionArgs) => AsyncIterable<FormattedExecutionResult>;
  /** What a client may see of an error (`maskError`, or the router's formatter); unexpected errors are logged first. */
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  /** A subscription was accepted on `socket` (the router's idle timer stops). */
  onSubscriptionStart?: (socket: WebSocket) => void;
  /** A subscription accepted on `socket` ended, whoever ended it. */
  onSubscriptionEnd?: (socket: WebSocket) => void;
}

/** A parsed, validated subscription with its coerced variables, as `prepare` receives it. */
export interface ValidOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  /** The variables as the client sent them. */
  variables: Record<string, unknown>;
  /** The variables coerced to their declared types. */
  coercedVariables: Record<string, unknown>;
  /** Who the socket's connection_init token proved, or null when anonymous. */
  credentials: Credentials | null;
  /** The upgrade request (its headers and address). */
  request: IncomingMessage;
  /** One per subscription, like a request's over HTTP, and a logger bound to it. */
  requestId: string;
  log: Logger;
}

export interface GraphQLWsServer {
  /** Open sockets. */
  readonly connections: number;
  /**
   * Stops accepting sockets, closes every open one with 1001 Going Away (which ends its
   * subscriptions) and waits until they are gone, cutting those that outlast the grace period.
   */
  close(): Promise<void>;
}

/** Where graphql-ws answers: the same path as HTTP GraphQL, so a server has one URL. */
const GRAPHQL_PATH = '/graphql';

/** setTimeout's largest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A socket's state from connection_init on. */
interface Connection {
  credentials: Credentials | null;
  /** Subscriptions it holds. */
  active: number;
  /** Closes the socket when its token expires. */
  expiry?: NodeJS.Timeout;
}

export function serveGraphQLWs(options: GraphQLWsServerOptions): GraphQLWsServer {
  const { logger, production } = options;
  const connections = new WeakMap<WebSocket, Connection>();
  /** The logger of each subscription run by graphql-js's subscribe, for its events' errors. */
  const operationLogs = new WeakMap<ExecutionArgs, Logger>();
  const documents = new ValidatedDocuments(options.rules);
  // One message is one operation: the HTTP body limit bounds it too (ws's default is 100 MiB).
  // noServer and one upgrade listener, for both servers: the router refuses a socket past its
  // address's cap and a subgraph one without the router's secret before graphql-ws sees it;
  // and given the HTTP server, ws would re-emit its errors (a port in use at listen) to
  // graphql-ws, which logs them as its own failure and closes every socket with 4500.
  const wss = new WebSocketServer({ noServer: true, path: GRAPHQL_PATH, maxPayload: DEFAULT_MAX_BODY_BYTES });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Another path is answered 400 by ws itself.
    wss.handleUpgrade(request, socket, head, (client) => {
      const refusal = options.admit?.(client, request);
      if (refusal) client.close(refusal.code, refusal.reason);
      else wss.emit('connection', client, request);
    });
  };
  options.httpServer.on('upgrade', onUpgrade);

  const refuse = (error: GraphQLError, log: Logger): GraphQLFormattedError => {
    // Logged with its original cause before the formatter hides it.
    if (isUnexpectedError(error)) log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
    return options.formatError(error.toJSON());
  };

  useServer<Record<string, unknown> | undefined>(
    {
      isProd: production,
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
      async onConnect(ctx) {
        const { socket } = ctx.extra;
        let credentials: Credentials | null;
        try {
          credentials = await verifyAuthorization(authorizationParam(ctx.connectionParams), options.verifyToken);
        } catch (error) {
          const close = refusal(error, logger, production);
          socket.close(close.code, close.reason);
          // graphql-ws would close with a bare 4403 "Forbidden"; ours went first and carries the reason.
          return false;
        }
        const connection: Connection = { credentials, active: 0 };
        if (credentials) {
          // The token was checked once, here: the socket must not outlive it.
          const close = forbiddenClose(expiredToken().message);
          connection.expiry = setTimeout(() => socket.close(close.code, close.reason), Math.min(Math.max(0, credentials.expiresAt - Date.now()), MAX_TIMER_MS));
        }
        connections.set(socket, connection);
        return true;
      },
      onClose(ctx) {
        clearTimeout(connections.get(ctx.extra.socket)?.expiry);
      },
      async onSubscribe(ctx, _id, payload) {
        const { socket, request } = ctx.extra;
        // First, before any parsing: every subscribe message counts against the caller's rate.
        const limited = await options.countSubscribe?.(socket);
        if (limited) return [limited];
        const schema = options.schema();
        if (!schema) return [new RequestError('The schema is not loaded yet; try again shortly.', ErrorCode.BAD_REQUEST)];
        try {
          options.checkQuery?.(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        // Coded errors throughout: graphql-ws's own would carry no code, and a throw here would
        // close the client's whole socket.
        const document = documents.documentOf(schema, payload.query);
        if (Array.isArray(document)) return document;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new RequestError('The document must hold one operation, or operationName must name one of its operations.', ErrorCode.BAD_REQUEST)];
        // Queries and mutations take the HTTP path, with its plugins and limits; a socket carries only what needs one.
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [new RequestError(`Only subscriptions are served over WebSocket; send this ${operation.operation} over HTTP.`, ErrorCode.BAD_REQUEST)];
        }
        const variables = payload.variables ?? {};
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
        if (coerced.errors) return coerced.errors.map((error) => new BadUserInputError(error.message));
        const connection = connections.get(socket);
        if (!connection) throw new Error('subscribe before connection_init was accepted');
        const max = options.maxSubscriptionsPerConnection;
        if (max !== undefined && connection.active >= max) {
          return [new RateLimitedError(`A connection may hold at most ${max} subscriptions; complete one first.`)];
        }
        const requestId = randomUUID();
        const log = logger.child({ requestId });
        const operationName = payload.operationName ?? undefined;
        const prepared = options.prepare({ schema, document, operation, operationName, variables, coercedVariables: coerced.coerced, credentials: connection.credentials, request, requestId, log });
        if (isErrors(prepared)) return prepared;
        connection.active++;
        options.onSubscriptionStart?.(socket);
        if (!options.subscribe) operationLogs.set(prepared, log);
        return prepared;
      },
      // Runs for every accepted subscription when it ends, whoever ended it.
      onComplete(ctx) {
        const connection = connections.get(ctx.extra.socket);
        if (connection) connection.active--;
        options.onSubscriptionEnd?.(ctx.extra.socket);
      },
      ...(options.subscribe ? { subscribe: options.subscribe as (args: ExecutionArgs) => OperationResult } : {}),
      onNext(_ctx, _id, _payload, args, result) {
        const log = operationLogs.get(args);
        // The caller's own source yields results that are already formatted.
        if (!log) return result as FormattedExecutionResult;
        return formatResult(result, (error) => refuse(error, log));
      },
      // Errors that end an operation: refusals from onSubscribe, and failures of its event stream.
      onError(_ctx, _id, payload, errors) {
        const log = logger.child({ operationName: payload.operationName });
        return errors.map((error) => refuse(error, log));
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  // verifyToken checked each socket's token once; a revocation arriving later closes the socket, as expiry does.
  const unwatch = options.revocations?.onChange(() => {
    const close = forbiddenClose(revokedToken().message);
    for (const socket of wss.clients) {
      const credentials = connections.get(socket)?.credentials;
      if (credentials && options.revocations!.isRevoked(credentials.viewer.id, credentials.tokenVersion)) socket.close(close.code, close.reason);
    }
  });

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      // No new sockets; ws's close then waits for the open ones.
      options.httpServer.off('upgrade', onUpgrade);
      unwatch?.();
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of wss.clients) socket.close(GOING_AWAY.code, GOING_AWAY.reason);
      // A peer that never answers the close handshake must not hold the shutdown.
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, options.stopGracePeriodMillis ?? 10_000);
      await closed;
      clearTimeout(cut);
    },
  };
}

/**
 * The caller's "Bearer <token>" from connection_init: `authorization` (graphql-ws clients, the
 * router upstream), `Authorization`, or inside `headers` (clients such as Apollo Sandbox that
 * send their HTTP headers as the payload).
 */
function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const headers = params?.['headers'];
  const nested = headers && typeof headers === 'object' ? (headers as Record<string, unknown>) : {};
  const header = params?.['authorization'] ?? params?.['Authorization'] ?? nested['authorization'] ?? nested['Authorization'];
  if (header === undefined || header === null || typeof header === 'string') return header ?? undefined;
  throw new UnauthenticatedError('connectionParams.authorization must be "Bearer <access token>".');
}

/** A refused token closes with 4403 and the auth error's message; a verifier that could not run, with 4500. */
function refusal(error: unknown, logger: Logger, production: boolean): WsClose {
  if (error instanceof UnauthenticatedError) return forbiddenClose(error.message);
  logger.error({ err: error }, 'connection_init failed');
  return internalServerErrorClose(error instanceof Error ? error.message : String(error), production);
}

/** An event's result with its errors formatted; results without errors go out as they are. */
function formatResult(result: ExecutionResult, format: (error: GraphQLError) => GraphQLFormattedError): FormattedExecutionResult | undefined {
  const { errors, ...rest } = result;
  if (!errors) return undefined;
  return { ...rest, errors: errors.map(format) };
}

function isErrors(prepared: ExecutionArgs | readonly GraphQLError[]): prepared is readonly GraphQLError[] {
  return Array.isArray(prepared);
}
