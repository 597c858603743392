import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The closed list of `extensions.code` values a client can see (DESIGN.md, Errors).
 * Apollo Server's own request-level codes are included because it emits them itself.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const knownCodes = new Set<string>(Object.values(ErrorCode));
export function isKnownErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && knownCodes.has(code);
}

/**
 * Codes of a request that cannot run at all (it does not parse, fails validation, names no
 * runnable operation, or misuses persisted queries): HTTP 400, and never any data.
 */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

/**
 * The `extensions` a client may see (DESIGN.md, Errors across the router): the code, seconds to
 * wait, the input field at fault and a machine-readable reason. Everything else (stack traces,
 * `response` with subgraph URLs and bodies, `serviceName`, `exception`) stays on the server.
 */
const CLIENT_EXTENSION_KEYS = ['code', 'retryAfter', 'field', 'reason'] as const;

export function clientExtensions(extensions: { readonly [key: string]: unknown } | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of CLIENT_EXTENSION_KEYS) if (extensions?.[key] !== undefined) kept[key] = extensions[key];
  return kept;
}

/** An error that is not the client's doing (no code from the list, or INTERNAL_SERVER_ERROR): log it, then mask it. */
export function isUnexpectedError(error: { readonly extensions?: { readonly [key: string]: unknown } | undefined }): boolean {
  const code = error.extensions?.['code'];
  return !isKnownErrorCode(code) || code === ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Keeps a client-facing error when it carries a code from the closed list; anything else is
 * an unexpected failure whose details (SQL, stack, hostnames) must not leave the process.
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { locations, path } = formatted;
  if (isUnexpectedError(formatted)) return internalErrorAt(path);
  return {
    // Apollo prefixes errors thrown while building the context (token checks); the client
    // needs only our message.
    message: formatted.message.replace(/^Context creation failed: /, ''),
    ...(locations ? { locations } : {}),
    ...(path ? { path } : {}),
    extensions: clientExtensions(formatted.extensions),
  };
}

/** What a client sees of an unexpected failure: no detail, only where it happened. */
export function internalErrorAt(path: GraphQLFormattedError['path']): GraphQLFormattedError {
  return { message: 'Internal server error.', ...(path ? { path } : {}), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** Base of every error this product throws on purpose: a code from the closed list, a safe message. */
export abstract class AppError extends GraphQLError {
  protected constructor(message: string, code: ErrorCode, extra: Record<string, unknown> = {}, httpStatus?: number) {
    super(message, {
      extensions: { code, ...extra, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
    });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'You must be signed in to do this.', httpStatus?: number) {
    super(message, ErrorCode.UNAUTHENTICATED, {}, httpStatus);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

/**
 * Bad input: the message names the field; `field` is the input path (e.g. "input.email").
 * `httpStatus` only for refusals before execution (400, as Apollo answers a bad variable).
 */
export class BadUserInputError extends AppError {
  constructor(message: string, field?: string, httpStatus?: number) {
    super(message, ErrorCode.BAD_USER_INPUT, field ? { field } : {}, httpStatus);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} was not found.`, ErrorCode.NOT_FOUND);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(message, ErrorCode.CONFLICT, field ? { field } : {});
  }
}

export class OutOfStockError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, ErrorCode.OUT_OF_STOCK, extra);
  }
}

export class PaymentDeclinedError extends AppError {
  constructor(message: string) {
    super(message, ErrorCode.PAYMENT_DECLINED);
  }
}

export class RateLimitedError extends AppError {
  constructor(message = 'Too many requests; try again later.', retryAfterSeconds?: number) {
    super(message, ErrorCode.RATE_LIMITED, retryAfterSeconds ? { retryAfter: retryAfterSeconds } : {}, 429);
  }
}

/**
 * A service outside this product that the request needs (an AI summary provider) is down or
 * refuses us: not the client's fault, not a bug either; the message says which and why.
 */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE);
  }
}

export class InternalError extends AppError {
  constructor(message = 'Internal server error.') {
    super(message, ErrorCode.INTERNAL_SERVER_ERROR);
  }
}

type RequestErrorCode =
  | typeof ErrorCode.GRAPHQL_PARSE_FAILED
  | typeof ErrorCode.GRAPHQL_VALIDATION_FAILED
  | typeof ErrorCode.BAD_REQUEST
  | typeof ErrorCode.PERSISTED_QUERY_NOT_FOUND
  | typeof ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED;

/** A request that cannot run at all (one of REQUEST_ERROR_CODES): HTTP 400 unless said otherwise. */
export class RequestError extends AppError {
  constructor(message: string, code: RequestErrorCode, httpStatus = 400) {
    super(message, code, {}, httpStatus);
  }
}

/** For exhaustive switches over tagged unions (Apollo Server's UnreachableCaseError). */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
