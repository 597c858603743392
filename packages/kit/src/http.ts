import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { AppError } from './errors.js';

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

/** A GraphQL-shaped error for failures before Apollo runs (body too large, bad JSON). */
function sendRequestError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
      if (error instanceof BodyTooLargeError) return sendRequestError(res, 413, `Request body is larger than ${maxBodyBytes} bytes.`);
      return sendRequestError(res, 400, 'Request body is not valid JSON.');
    }
    const query = typeof (body as { query?: unknown } | undefined)?.query === 'string' ? (body as { query: string }).query : new URL(req.url ?? '/', 'http://localhost').searchParams.get('query');
    if (query && options.checkQuery) {
      try {
        options.checkQuery(query);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendJson(res, 400, { errors: [{ message: error.message, extensions: { code: error.extensions['code'] } }] });
      }
    }
    const execute = async (): Promise<CompleteResponse> => {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
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
