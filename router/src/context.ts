import type { IncomingMessage } from 'node:http';
import { bearerToken, type Logger, type TokenVerifier, type Viewer } from '@bookstore/kit';
import { continueTrace, type TraceContext } from './trace-context.js';

export interface RouterContext {
  viewer: Viewer | null;
  /** The caller's `Authorization` header, forwarded only after it verified. */
  authorization: string | null;
  requestId: string;
  /** The caller's address, passed to subgraphs for per-IP rate limits. */
  clientIp: string;
  trace: TraceContext;
  log: Logger;
}

/**
 * JWT checked at the edge: a request with an invalid or expired token fails with
 * UNAUTHENTICATED (HTTP 401) rather than running anonymously.
 */
export function routerContext(verifyToken: TokenVerifier, logger: Logger, clientAddress: (req: IncomingMessage) => string) {
  return async (req: IncomingMessage, requestId: string): Promise<RouterContext> => {
    const header = req.headers.authorization;
    const token = bearerToken(header);
    const viewer = token ? await verifyToken(token) : null;
    const trace = continueTrace(single(req.headers.traceparent), single(req.headers.tracestate));
    const clientIp = clientAddress(req);
    return { viewer, authorization: token ? `Bearer ${token}` : null, requestId, clientIp, trace, log: logger.child({ requestId }) };
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
