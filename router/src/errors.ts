import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { ErrorCode, internalErrorAt, isKnownErrorCode, maskError, REQUEST_ERROR_CODES, RequestError } from '@bookstore/server-core';
import type { GraphQLFormattedError } from 'graphql';
import type { RouterContext } from './context.js';

/**
 * The error contract across the router (DESIGN.md, "Errors across the router"), in the shape of
 * Apollo Router's `include_subgraph_errors` with an allow-list of extension keys.
 */

/** Which subgraphs' errors reach clients as they are; undefined: every subgraph of the supergraph. */
export type TrustedSubgraphs = ReadonlySet<string> | undefined;

/** What a client sees of a subgraph error from a subgraph that is not trusted. */
const REDACTED = 'Subgraph errors redacted.';

/**
 * Formats every error the router sends, over HTTP and WebSocket alike. A subgraph's coded error
 * keeps its code, message, path and client extensions (`maskError`'s allow-list). A request-level
 * code from a subgraph (GRAPHQL_VALIDATION_FAILED, BAD_REQUEST, ...) is about the router's own
 * request, not the client's, so it is masked; an untrusted subgraph's message is redacted.
 */
export function routerErrorFormatter(trusted: TrustedSubgraphs): (formatted: GraphQLFormattedError) => GraphQLFormattedError {
  return (formatted) => {
    const subgraph = formatted.extensions?.['serviceName'];
    if (typeof subgraph !== 'string') return maskError(formatted);
    const code = formatted.extensions?.['code'];
    if (!isKnownErrorCode(code) || REQUEST_ERROR_CODES.has(code)) return internalErrorAt(formatted.path);
    const kept = maskError(formatted);
    return trusted && !trusted.has(subgraph) ? { ...kept, message: REDACTED } : kept;
  };
}

/**
 * @apollo/gateway reports fields it had to null while shaping the response (a subgraph answered
 * null for a non-null field, e.g. an entity it does not know) only in `extensions.valueCompletion`
 * when no subgraph reported an error. Moved to `errors`, they are logged, masked and carry their
 * path like any other error, so a null never arrives unexplained.
 */
export function reportValueCompletion<T extends { errors?: readonly unknown[]; extensions?: Record<string, unknown> }>(result: T): T {
  const nulled = result.extensions?.['valueCompletion'];
  if (!Array.isArray(nulled) || nulled.length === 0) return result;
  const { valueCompletion: _moved, ...extensions } = result.extensions!;
  return { ...result, errors: [...(result.errors ?? []), ...nulled], extensions: Object.keys(extensions).length > 0 ? extensions : undefined };
}

/** The gateway as Apollo Server sees it, with `reportValueCompletion` applied to every result. */
export function reportingGateway(gateway: ApolloGateway): GatewayInterface {
  return {
    async load(options) {
      const { schema, executor } = await gateway.load(options);
      const reporting: GatewayExecutor = async (requestContext) => reportValueCompletion(await executor(requestContext));
      return { schema, executor: reporting };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}

/**
 * The response side of the contract: an internal error carries the request id the log has
 * (operators find the original under it); RATE_LIMITED sets `Retry-After` (the longest wait
 * asked), and HTTP 429 when nothing else could be answered; an operation name that names no
 * operation is BAD_REQUEST and an operation type the supergraph lacks GRAPHQL_VALIDATION_FAILED
 * (the gateway would throw an uncoded error for either, a 500).
 */
export function errorResponsePlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          // graphql 16 validation has no rule for a missing root type (17's KnownOperationTypesRule);
          // without this check the executor throws an uncoded error, a 500.
          if (operation && !schema.getRootType(operation.operation)) {
            throw new RequestError(`The supergraph has no ${operation.operation} type.`, ErrorCode.GRAPHQL_VALIDATION_FAILED);
          }
          if (operation) return;
          throw new RequestError(
            request.operationName ? `The document has no operation named "${request.operationName}".` : 'The document has several operations: name the one to run in operationName.',
            ErrorCode.BAD_REQUEST,
          );
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length) return;
          let retryAfter = 0;
          for (const error of errors) {
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (!extensions) continue;
            if (extensions['code'] === ErrorCode.INTERNAL_SERVER_ERROR && contextValue?.requestId) extensions['requestId'] = contextValue.requestId;
            if (extensions['code'] === ErrorCode.RATE_LIMITED && typeof extensions['retryAfter'] === 'number') retryAfter = Math.max(retryAfter, extensions['retryAfter']);
          }
          if (retryAfter > 0) {
            response.http.headers.set('retry-after', String(retryAfter));
            if (data === null || data === undefined) response.http.status = 429;
          }
        },
      };
    },
  };
}
