import type { Credentials, Viewer } from './auth.js';
import type { Logger } from './logger.js';

/** What every resolver gets: the verified caller, the request id and a logger bound to both. */
export interface RequestContext {
  /** Who is calling (`credentials.viewer`), or null when anonymous: what resolvers check access with. */
  viewer: Viewer | null;
  /** The verified token behind `viewer`, or null when anonymous. */
  credentials: Credentials | null;
  requestId: string;
  /** The caller's address as the router saw it (for per-IP rate limits). */
  clientIp: string;
  log: Logger;
}
