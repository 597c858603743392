import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { AppError, clientExtensions, ErrorCode, REQUEST_ERROR_CODES, RequestError } from './errors.js';

/** Largest request body accepted before answering 413 (Apollo Router's default is 2 MB too). */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export const REQUEST_ID_HEADER = 'x-request-id';
const validRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's request id when it is well-formed, else a new one (so logs always correlate). */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && validRequestId.test(given) ? given : randomUUID();
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Answers with one coded error outside Apollo Server (bad JSON, limits, throttling, the router's
 * secret): the same body shape and client extensions as Apollo's own error responses, and a
 * `Retry-After` header when the error says how long to wait.
 */
export function sendError(res: ServerResponse, status: number, error: AppError): void {
  const extensions = clientExtensions(error.extensions);
  const retryAfter = extensions['retryAfter'];
  sendJson(res, status, { errors: [{ message: error.message, extensions }] }, typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {});
}

/** Deepest nesting of arrays and objects a request body may have (our inputs nest a few levels). */
export const MAX_BODY_DEPTH = 32;

/**
 * Problems of a request's shape that Apollo Server would otherwise meet as crashes or uncoded
 * errors: nesting deep enough to overflow a recursive walk (JSON.stringify of the variables), and
 * automatic persisted queries of another version or with a hash that is not the query's.
 */
export function requestShapeError(body: unknown, search: URLSearchParams): RequestError | undefined {
  if (depthExceeds(body, MAX_BODY_DEPTH)) return new RequestError(`The request is nested more than ${MAX_BODY_DEPTH} levels deep.`, ErrorCode.BAD_REQUEST);
  const fields = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; extensions?: unknown };
  let extensions = fields.extensions;
  let query = fields.query;
  if (body === undefined && search.has('extensions')) {
    try {
      extensions = JSON.parse(search.get('extensions')!);
    } catch {
      return new RequestError('The extensions parameter is not valid JSON.', ErrorCode.BAD_REQUEST);
    }
    query = search.get('query') ?? undefined;
    if (depthExceeds(extensions, MAX_BODY_DEPTH)) return new RequestError(`The request is nested more than ${MAX_BODY_DEPTH} levels deep.`, ErrorCode.BAD_REQUEST);
  }
  const persisted = typeof extensions === 'object' && extensions !== null ? (extensions as { persistedQuery?: unknown }).persistedQuery : undefined;
  if (persisted === undefined || persisted === null) return undefined;
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) return new RequestError('Only version 1 of automatic persisted queries is supported.', ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED);
  if (typeof sha256Hash !== 'string') return new RequestError('extensions.persistedQuery.sha256Hash must be the SHA-256 of the query, in hex.', ErrorCode.BAD_REQUEST);
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== sha256Hash) {
    return new RequestError("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.", ErrorCode.BAD_REQUEST);
  }
  return undefined;
}

/** Whether `value` nests arrays and objects more than `limit` deep; iterative, so any depth is safe. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    // for-in rather than Object.values: no array per object walked (every request's body is walked).
    if (Array.isArray(current)) {
      for (const child of current) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

/**
 * A request that cannot run (REQUEST_ERROR_CODES, e.g. PERSISTED_QUERY_NOT_FOUND, which Apollo
 * answers with 200, or an operation name that names nothing) is HTTP 400, as DESIGN.md says.
 */
export function requestErrorStatus<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data === undefined && errors?.length && errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.['code'])))) response.http.status = 400;
        },
      };
    },
  };
}

class BodyTooLargeError extends Error {}

/**
 * The request's body as text. Read with listeners rather than `for await` over the request: its
 * async iterator cost about 3 KiB of garbage per request on the router's hot path. As with the
 * iterator, a body over the limit destroys the request, and an error or a request closed before
 * its end fails the read.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(new BodyTooLargeError());
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      settle(new BodyTooLargeError());
      req.destroy();
    };
    const onEnd = () => settle(undefined);
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('The request closed before its body ended.'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context; may throw a GraphQLError (e.g. UNAUTHENTICATED with http status 401). */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  maxBodyBytes?: number; // default DEFAULT_MAX_BODY_BYTES (2 MB)
  /**
   * Checks the operation text before Apollo parses it (the router's token limit); throwing an
   * AppError answers 400 with that error.
   */
  checkQuery?: (query: string) => void;
  /**
   * Requests with the same key while one is in flight share its response (the router's
   * in-flight deduplication of identical queries); undefined: the request runs on its own.
   */
  shareKey?: (req: IncomingMessage, body: unknown) => string | undefined;
  /** Called when a request joins an identical one in flight (for metrics). */
  onShared?: () => void;
}

/** What a request path without a query string parses to, as far as graphqlHandler reads it (never written to). */
const NO_QUERY_STRING: { readonly search: string; readonly searchParams: URLSearchParams } = { search: '', searchParams: new URLSearchParams() };

/** A finished GraphQL response, shareable between identical requests. */
interface CompleteResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Serves Apollo Server on a plain `node:http` server (the integration pattern of Apollo's
 * standalone server, without Express), so the router and every subgraph share one HTTP stack.
 */
export function graphqlHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const inflight = new Map<string, Promise<CompleteResponse>>();
  return async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    let body: unknown;
    try {
      const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      const contentType = req.headers['content-type'] ?? '';
      body = raw && contentType.includes('application/json') ? JSON.parse(raw) : raw || undefined;
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendError(res, 413, new RequestError(`Request body is larger than ${maxBodyBytes} bytes.`, ErrorCode.BAD_REQUEST));
      return sendError(res, 400, new RequestError('Request body is not valid JSON.', ErrorCode.BAD_REQUEST));
    }
    // A POST's path rarely carries a query string: parsed only when it does (same search and parameters).
    const url = req.url?.includes('?') ? new URL(req.url, 'http://localhost') : NO_QUERY_STRING;
    const shapeError = requestShapeError(body, url.searchParams);
    if (shapeError) return sendError(res, 400, shapeError);
    const query = typeof (body as { query?: unknown } | undefined)?.query === 'string' ? (body as { query: string }).query : url.searchParams.get('query');
    if (query && options.checkQuery) {
      try {
        options.checkQuery(query);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendError(res, 400, error);
      }
    }
    const execute = async (): Promise<CompleteResponse> => {
      const headers = new HeaderMap();
      const given = req.headers;
      for (const key in given) {
        const value = given[key];
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
        context: () => options.context(req, requestId),
      });
      let text = '';
      if (response.body.kind === 'complete') text = response.body.string;
      else for await (const chunk of response.body.asyncIterator) text += chunk;
      return { status: response.status ?? 200, headers: [...response.headers], body: text };
    };
    const key = options.shareKey?.(req, body);
    let pending: Promise<CompleteResponse>;
    if (key === undefined) pending = execute();
    else {
      const running = inflight.get(key);
      pending = running ?? execute();
      if (running) options.onShared?.();
      else {
        inflight.set(key, pending);
        void pending.finally(() => inflight.delete(key)).catch(() => undefined);
      }
    }
    const response = await pending;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status;
    res.end(response.body);
  };
}
