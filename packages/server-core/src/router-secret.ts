import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The header by which subgraphs know a request came through the router (DESIGN.md: subgraphs
 * accept traffic only from the router). The router builds its outgoing headers itself, so a
 * client can never smuggle this one through it.
 */
export const ROUTER_SECRET_HEADER = 'x-router-secret';

/** True when `headers` carry the shared secret; always true when no secret is configured. */
export function fromRouter(secret: string | undefined): (headers: IncomingHttpHeaders) => boolean {
  if (!secret) return () => true;
  const expected = digest(secret);
  return (headers) => {
    const given = headers[ROUTER_SECRET_HEADER];
    // Digests have equal length, so the comparison takes the same time whatever was sent.
    return typeof given === 'string' && timingSafeEqual(digest(given), expected);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
