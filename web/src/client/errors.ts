import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/**
 * The codes the API gives (README "Errors"; packages/server-core/src/errors.ts). Pages switch on these,
 * never on message text.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

/** One error as a page shows it. */
export interface AppError {
  code: ErrorCode | (string & {});
  message: string;
  /** BAD_USER_INPUT: the argument path, e.g. `input.shippingAddress.city`. */
  field?: string;
  /** RATE_LIMITED: seconds until another try may pass. */
  retryAfter?: number;
  /** INTERNAL_SERVER_ERROR: the id under which the operator's log has the details. */
  requestId?: string;
}

/** One error of a GraphQL response body. */
export function appErrorOf(error: GraphQLFormattedError): AppError {
  const extensions = error.extensions ?? {};
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : 'INTERNAL_SERVER_ERROR';
  const result: AppError = { code, message: error.message };
  if (typeof extensions['field'] === 'string') result.field = extensions['field'];
  if (typeof extensions['retryAfter'] === 'number') result.retryAfter = extensions['retryAfter'];
  if (typeof extensions['requestId'] === 'string') result.requestId = extensions['requestId'];
  return result;
}

/** A GraphQL body of a non-2xx answer sent as plain JSON (429 from the router's limiter, 413, 400). */
function fromServerError(error: ServerError): AppError[] {
  try {
    const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const errors = body.errors.map(appErrorOf);
      const header = Number(error.response.headers.get('retry-after'));
      for (const each of errors) if (each.code === 'RATE_LIMITED' && each.retryAfter === undefined && Number.isFinite(header)) each.retryAfter = header;
      return errors;
    }
  } catch {
    // Not a GraphQL body: a proxy's error page, say.
  }
  if (error.statusCode === 401) return [{ code: 'UNAUTHENTICATED', message: 'Please sign in again.' }];
  return [{ code: 'INTERNAL_SERVER_ERROR', message: `The shop answered with HTTP ${error.statusCode}.`, requestId: error.response.headers.get('x-request-id') ?? undefined }];
}

/** Every error an operation failed with, in the API's terms. */
export function appErrors(error: unknown): AppError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) return error.errors.map(appErrorOf);
  if (CombinedProtocolErrors.is(error)) return error.errors.map(appErrorOf);
  if (ServerError.is(error)) return fromServerError(error);
  if (error instanceof Error && 'errors' in error && Array.isArray((error as { errors: unknown }).errors)) {
    return ((error as { errors: GraphQLFormattedError[] }).errors).map(appErrorOf);
  }
  return [{ code: 'NETWORK', message: 'The shop cannot be reached. Check your connection and try again.' }];
}

/** The first error, for a page that shows one. */
export function appError(error: unknown): AppError | undefined {
  return appErrors(error)[0];
}

export function hasCode(error: unknown, code: ErrorCode): boolean {
  return appErrors(error).some((each) => each.code === code);
}

/**
 * BAD_USER_INPUT errors by the form field they name. `extensions.field` is the argument path
 * (`input.shippingAddress.city`, `input.items[1].quantity`); a form keys its fields by the same
 * paths, or by their last segment when the paths are unambiguous.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const each of appErrors(error)) {
    if (each.code !== 'BAD_USER_INPUT' || !each.field) continue;
    byField[each.field] ??= each.message;
    const last = each.field.split('.').pop()!;
    byField[last] ??= each.message;
  }
  return byField;
}

/** Errors not shown next to a field: the form shows these above itself. */
export function formLevelErrors(error: unknown, fields: readonly string[]): AppError[] {
  return appErrors(error).filter((each) => !(each.code === 'BAD_USER_INPUT' && each.field && fields.some((field) => each.field === field || each.field!.endsWith(`.${field}`))));
}
