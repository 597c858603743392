import type { IncomingMessage } from 'node:http';
import { verifyAuthorization, type Credentials, type Logger, type TokenVerifier } from '@bookstore/server-core';
import type { SubgraphAnswers } from './subgraph-answers.js';
import { continueTrace, type TraceContext } from './trace-context.js';

export interface RouterContext {
  /** The caller's verified credentials, or null when anonymous; subgraph calls present them (data-source.ts). */
  credentials: Credentials | null;
  requestId: string;
  /** The caller's address, passed to subgraphs for per-IP rate limits. */
  clientIp: string;
  trace: TraceContext;
  log: Logger;
  /** Set on the fast path: the subgraph answers of this request, kept for a replay (data-source.ts). */
  subgraphAnswers?: SubgraphAnswers;
}

/**
 * JWT checked at the edge: a request with an invalid or expired token fails with
 * UNAUTHENTICATED (HTTP 401) rather than running anonymously.
 */
export function routerContext(verifyToken: TokenVerifier, logger: Logger, clientAddress: (req: IncomingMessage) => string) {
  return async (req: IncomingMessage, requestId: string): Promise<RouterContext> => {
    const credentials = await verifyAuthorization(req.headers.authorization, verifyToken);
    const trace = continueTrace(single(req.headers.traceparent), single(req.headers.tracestate));
    const clientIp = clientAddress(req);
    // Made on first use: a pino child costs about 5 KiB of garbage, and most requests log nothing.
    let log: Logger | undefined;
    return {
      credentials,
      requestId,
      clientIp,
      trace,
      get log() {
        return (log ??= logger.child({ requestId }));
      },
    };
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
