import { CloseCode } from 'graphql-ws';

/** A WebSocket close the server sends: the code a client acts on and the reason it may show. */
export interface WsClose {
  code: number;
  reason: string;
}

/**
 * Every close code the graphql-ws endpoints (the kit's and the router's) send themselves
 * (CONVENTIONS.md 9); graphql-ws sends the rest of its `CloseCode`s (4400, 4408, 4409, 4429, ...)
 * on its own. Reasons are short because a close frame holds at most 123 bytes of them (RFC 6455, 5.5).
 */
export const WsCloseCode = {
  /**
   * RFC 6455, 7.4.1: the server is shutting down. graphql-ws clients treat it as retryable, so
   * the router reconnects, to another replica, and subscribes again.
   */
  GoingAway: 1001,
  /**
   * The token in connection_init is invalid, expired or revoked, or the socket's token has since
   * expired or been revoked (or a subgraph's socket lacks the router's secret). graphql-ws
   * clients may retry, with a fresh token.
   */
  Forbidden: CloseCode.Forbidden,
  /**
   * Token verification could not run (the key set is unreachable), or an unexpected failure: not
   * the client's doing, so not 4403, which would call a good token bad. graphql-ws clients take
   * it as final rather than retrying into an outage.
   */
  InternalServerError: CloseCode.InternalServerError,
  /**
   * The router refuses a socket past its per-address cap. graphql-ws' own codes mirror HTTP
   * statuses (4400, 4401, 4403, 4408) and it sends 4429, "too many", for a repeated
   * connection_init; its client treats 4429 as final and does not reconnect, which is what a
   * client at the cap should do (1013 "Try Again Later" would make it retry against a cap that
   * lifts only when one of its own sockets closes).
   */
  TooManyRequests: CloseCode.TooManyInitialisationRequests,
  /**
   * RFC 6455, 7.4.1, normal closure: the router closes a socket that held no subscription for a
   * while. A graphql-ws client reconnects when it next subscribes.
   */
  Idle: 1000,
} as const;

/** Going away while draining; the reason carries nothing internal, so it is the same in production. */
export const GOING_AWAY: WsClose = { code: WsCloseCode.GoingAway, reason: 'Going away' };

/**
 * The close for a failure the client did not cause: `detail` (safe but unhelpful to a stranger)
 * only outside production, as graphql-ws itself does with `isProd`.
 */
export function internalServerErrorClose(detail: string, production: boolean): WsClose {
  return { code: WsCloseCode.InternalServerError, reason: production ? 'Internal server error' : limitReason(detail) };
}

/** The close for a token refused at connection_init; the message is the client-facing one of the auth error. */
export function forbiddenClose(message: string): WsClose {
  return { code: WsCloseCode.Forbidden, reason: limitReason(message) };
}

function limitReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}...`;
}
