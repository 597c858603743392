import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getOperationAST, getVariableValues, OperationTypeNode, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { ExecutionResult, FormattedExecutionResult, SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { verifyAuthorization, type Credentials, type TokenVerifier } from './auth.js';
import { clientIpOf } from './rate-limit.js';
import { forbiddenClose, GOING_AWAY, internalServerErrorClose, WsCloseCode, type WsClose } from './close-codes.js';
import { BadUserInputError, ErrorCode, isUnexpectedError, maskError, RequestError, UnauthenticatedError } from './errors.js';
import { DEFAULT_MAX_BODY_BYTES } from './http.js';
import type { Logger } from './logger.js';
import type { RequestContext } from './request-context.js';
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

export interface SubscriptionServer {
  /**
   * Stops accepting sockets, closes every open one with 1001 Going Away (which ends its
   * subscriptions, so their pub/sub listeners go) and waits until they are gone.
   */
  close(): Promise<void>;
}

/** Where graphql-ws answers: the same path as HTTP GraphQL, so a subgraph has one URL. */
const GRAPHQL_PATH = '/graphql';

/** What a connection keeps between callbacks: the caller its connection_init token proved. */
// A type alias, not an interface: graphql-ws requires an index-signature-compatible record.
type ConnectionState = {
  credentials: Credentials | null;
};

/**
 * Serves the schema's subscriptions over graphql-ws on the subgraph's HTTP server. The token is
 * checked once, at connection_init, with the verifier HTTP requests use: a bad one closes the
 * socket with 4403 before any operation; none means anonymous, and each resolver decides.
 * Every error a client sees goes through `maskError`, as over HTTP.
 */
export function serveSubscriptions<TContext extends RequestContext>(config: SubscriptionServerConfig<TContext>): SubscriptionServer {
  const { logger, production } = config;
  // One message is one operation: the HTTP body limit bounds it too (ws's default is 100 MiB).
  // noServer, with our own upgrade listener: given the HTTP server, ws would also re-emit its
  // errors (a port in use at listen) to graphql-ws, which prints them as its own failures.
  const wss = new WebSocketServer({ noServer: true, path: GRAPHQL_PATH, maxPayload: DEFAULT_MAX_BODY_BYTES });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Another path is answered 400 by ws itself.
    wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
  };
  config.httpServer.on('upgrade', onUpgrade);
  useServer<Record<string, unknown>, ConnectionState>(
    {
      isProd: production,
      connectionInitWaitTimeout: config.options?.connectionInitWaitTimeoutMs ?? 3_000,
      async onConnect(ctx) {
        if (!config.admits(ctx.extra.request.headers)) {
          ctx.extra.socket.close(WsCloseCode.Forbidden, 'Forbidden: connect through the router');
          return false;
        }
        try {
          ctx.extra.credentials = await credentialsOf(ctx.connectionParams, config.verifyToken);
          return true;
        } catch (error) {
          const close = refusal(error, logger, production);
          ctx.extra.socket.close(close.code, close.reason);
          // graphql-ws would close with a bare 4403 "Forbidden"; ours went first and carries the reason.
          return false;
        }
      },
      onSubscribe(ctx, _id, payload) {
        return prepare(config, ctx.extra.credentials ?? null, clientIpOf(ctx.extra.request), payload);
      },
      onNext(_ctx, _id, _payload, args, result) {
        return formatResult(result, (args.contextValue as RequestContext).log);
      },
      // Errors that end an operation: refusals from prepare(), and failures of its event stream.
      onError(_ctx, _id, payload, errors) {
        const log = logger.child({ operationName: payload.operationName });
        return errors.map((error) => reported(error, log));
      },
    },
    wss,
    config.options?.keepAliveMs ?? 12_000,
  );
  return {
    async close() {
      // No new sockets; ws's close then waits for the open ones.
      config.httpServer.off('upgrade', onUpgrade);
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of wss.clients) socket.close(GOING_AWAY.code, GOING_AWAY.reason);
      // A peer that never answers the close handshake must not hold the shutdown.
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, config.stopGracePeriodMillis);
      await closed;
      clearTimeout(cut);
    },
  };
}

/** The caller named by connection_init's `authorization` (or `Authorization`): the client's header, as the router forwards it. */
async function credentialsOf(params: Readonly<Record<string, unknown>> | undefined, verifyToken: TokenVerifier): Promise<Credentials | null> {
  const header = params?.['authorization'] ?? params?.['Authorization'];
  if (header !== undefined && header !== null && typeof header !== 'string') {
    throw new UnauthenticatedError('connectionParams.authorization must be "Bearer <access token>".');
  }
  return verifyAuthorization(header, verifyToken);
}

/** A refused token closes with 4403 and the auth error's message; a verifier that could not run, with 4500. */
function refusal(error: unknown, logger: Logger, production: boolean): WsClose {
  if (error instanceof UnauthenticatedError) return forbiddenClose(error.message);
  logger.error({ err: error }, 'connection_init failed');
  return internalServerErrorClose(error instanceof Error ? error.message : String(error), production);
}

/**
 * Parses, validates and coerces one operation, with coded errors (graphql-ws's own would carry
 * no code, and a throw here would close the client's whole socket), then builds its context:
 * one per subscription, like a request's over HTTP.
 */
function prepare<TContext extends RequestContext>(
  config: SubscriptionServerConfig<TContext>,
  credentials: Credentials | null,
  clientIp: string,
  payload: SubscribePayload,
): ExecutionArgs | readonly GraphQLError[] {
  const { schema } = config;
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (error) {
    return [new RequestError(error instanceof Error ? error.message : String(error), ErrorCode.GRAPHQL_PARSE_FAILED)];
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return invalid.map((error) => new RequestError(error.message, ErrorCode.GRAPHQL_VALIDATION_FAILED));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [new RequestError('The document must hold one operation, or operationName must name one of its operations.', ErrorCode.BAD_REQUEST)];
  // Queries and mutations take the HTTP path, with its plugins and limits; a socket carries only what needs one.
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [new RequestError(`Only subscriptions are served over WebSocket; send this ${operation.operation} over HTTP.`, ErrorCode.BAD_REQUEST)];
  }
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map((error) => new BadUserInputError(error.message));
  // The same refusal as over HTTP (subgraph-server.ts): no resolver sees text that cannot be stored.
  const unstorable = findUnstorableText(document, operation, payload.variables ?? {});
  if (unstorable) return [unstorableTextError(unstorable)];
  const requestId = randomUUID();
  const contextValue = config.createContext({ viewer: credentials?.viewer ?? null, credentials, requestId, clientIp, log: config.logger.child({ requestId }) });
  // The raw variables: execution coerces them again, and a coerced custom scalar (a Date) would not parse twice.
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
}

/** An event's result with its errors masked as over HTTP; results without errors go out as they are. */
function formatResult(result: ExecutionResult, log: Logger): FormattedExecutionResult | undefined {
  const { errors, ...rest } = result;
  if (!errors) return undefined;
  return { ...rest, errors: errors.map((error) => reported(error, log)) };
}

/** Logs an error that is not the client's doing (with its original cause), then masks it. */
function reported(error: GraphQLError, log: Logger): GraphQLFormattedError {
  if (isUnexpectedError(error)) log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
  return maskError(error.toJSON());
}
