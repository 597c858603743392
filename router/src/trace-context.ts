import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): keep the caller's trace id so a
 * request can be followed across router and subgraphs; the router's hop gets its own parent id.
 */
const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

export function continueTrace(traceparent: string | undefined, tracestate: string | undefined): TraceContext {
  const match = traceparent ? traceparentPattern.exec(traceparent.trim()) : null;
  const traceId = match?.[1];
  const parentId = randomBytes(8).toString('hex');
  // The all-zero trace id is invalid per the spec; start a new trace instead.
  if (match && traceId && !/^0+$/.test(traceId)) {
    return { traceparent: `00-${traceId}-${parentId}-${match[3]}`, ...(tracestate && tracestate.length <= 512 ? { tracestate } : {}) };
  }
  return { traceparent: `00-${randomBytes(16).toString('hex')}-${parentId}-01` };
}
