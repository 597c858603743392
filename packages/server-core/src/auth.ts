import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ForbiddenError, InternalError, UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';
import { RevocationList, REVOCATIONS_PATH, revocationsOverHttp, type RevocationCheck } from './revocations.js';

export const ROLES = ['CUSTOMER', 'LIBRARIAN', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Where the token signer (users) publishes its public keys (RFC 8615's well-known location). */
export const JWKS_PATH = '/.well-known/jwks.json';

/** Access tokens are ES256 only: pinning the algorithm rules out `alg: none` and key confusion. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
/** DESIGN.md, Auth: at most 60 s of clock skew between signer and verifier. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** Who is calling, as proven by a verified access token. */
export interface Viewer {
  id: string;
  role: Role;
}

/**
 * A verified access token and what it proves: the one value a caller's identity travels as, from
 * the verifier to the HTTP context, a WebSocket connection, the router's subscription hub and
 * every subgraph call made on the caller's behalf.
 */
export interface Credentials {
  readonly viewer: Viewer;
  /** The access token itself, without the `Bearer ` scheme; forwarded only through `authorizationHeader`, never logged. */
  readonly token: string;
  /** When the token expires (its `exp`), in epoch milliseconds: no socket it opened outlives it. */
  readonly expiresAt: number;
  /** The account's token version the token carries (its `ver` claim; 0 without one), checked against the revocation list. */
  readonly tokenVersion: number;
}

/** The `Authorization` header presenting `credentials` to a subgraph: the one place it is written. */
export function authorizationHeader(credentials: Credentials): string {
  return `Bearer ${credentials.token}`;
}

export interface TokenVerifierOptions {
  /** The users subgraph's key set: a JWKS URL (fetched and cached by jose) or a local key resolver. */
  keys: URL | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Tokens revoked since they were issued (an account deleted, a role changed); unset: none are checked. */
  revocations?: RevocationCheck;
  /** The clock, in epoch milliseconds; default Date.now. Tests move it to expire tokens. */
  now?: () => number;
}

/** The claim carrying the account's token version (see revocations.ts); tokens without it are version 0. */
export const TOKEN_VERSION_CLAIM = 'ver';

/** The token version of a verified payload; undefined when the claim is there but malformed. */
function tokenVersionOf(payload: Record<string, unknown>): number | undefined {
  const version = payload[TOKEN_VERSION_CLAIM] ?? 0;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined;
}

/** Verifies an access token (without its `Bearer ` scheme); throws UNAUTHENTICATED, or INTERNAL_SERVER_ERROR when it cannot check. */
export type TokenVerifier = (token: string) => Promise<Credentials>;

/**
 * Tokens whose signature was checked stay known for this long (ms), so a token presented again
 * (every request of a session, at the router and again at each subgraph) costs a map lookup
 * instead of an ECDSA verification. A remembered token is still refused once expired and once
 * revoked: both are checked on every use. The bound is below what the remote key set already
 * allows (jose keeps fetched keys for `cacheMaxAge`, 10 minutes), so a key dropped from the JWKS
 * stops being honoured no later than it did.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** At most this many remembered tokens per process (about 1 KB each); the oldest go first. */
export const VERIFIED_TOKENS_MAX = 10_000;

/** What a checked signature proved about a token, kept by the token itself. */
interface VerifiedToken {
  viewer: Viewer;
  /** The `exp` claim, epoch seconds. */
  exp: number;
  tokenVersion: number;
  /** When the signature was checked, epoch ms. */
  verifiedAt: number;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = options.keys instanceof URL ? createRemoteJWKSet(options.keys, { cooldownDuration: 30_000, cacheMaxAge: 600_000 }) : options.keys;
  const now = options.now ?? Date.now;
  const verified = new Map<string, VerifiedToken>();
  /** Expiry and revocation, checked on every use of a token, remembered or not. */
  const credentialsOf = (token: string, { viewer, exp, tokenVersion }: VerifiedToken, at: number): Credentials => {
    // jose's rule (jwtVerify): expired once exp <= now - tolerance, in whole seconds.
    if (exp <= Math.floor(at / 1000) - CLOCK_TOLERANCE_SECONDS) throw expiredToken();
    if (options.revocations?.isRevoked(viewer.id, tokenVersion)) throw revokedToken();
    return { viewer: { ...viewer }, token, expiresAt: exp * 1000, tokenVersion };
  };
  return async (token) => {
    const at = now();
    const known = verified.get(token);
    if (known && at - known.verifiedAt < VERIFIED_TOKEN_TTL_MS) return credentialsOf(token, known, at);
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: new Date(at),
      });
      const role = payload['role'];
      const version = tokenVersionOf(payload);
      // `exp` is a required claim, so jwtVerify has checked it is a number.
      if (typeof payload.sub !== 'string' || !isRole(role) || version === undefined || payload.exp === undefined) throw new UnauthenticatedError('The access token is invalid.', 401);
      const checked: VerifiedToken = { viewer: { id: payload.sub, role }, exp: payload.exp, tokenVersion: version, verifiedAt: at };
      verified.delete(token);
      if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, checked);
      return credentialsOf(token, checked, at);
    } catch (error) {
      throw toAuthError(error);
    }
  };
}

export interface RemoteTokenVerification {
  verifyToken: TokenVerifier;
  /** Polled in the background until stopped; the router also closes revoked sockets on its changes. */
  revocations: RevocationList;
}

/**
 * How every process but the users subgraph checks tokens: the keys at JWKS_URL and the revocation
 * list polled from REVOCATIONS_URL (default: `/revocations` at JWKS_URL's origin) with the
 * router's secret. Stop `revocations` on shutdown.
 */
export function startRemoteTokenVerification(
  config: { JWKS_URL: string; JWT_ISSUER: string; JWT_AUDIENCE: string; REVOCATIONS_URL?: string | undefined; REVOCATIONS_POLL_MS: number; SUBGRAPH_SECRET?: string | undefined },
  logger: Logger,
): RemoteTokenVerification {
  const url = new URL(config.REVOCATIONS_URL ?? new URL(REVOCATIONS_PATH, config.JWKS_URL));
  const revocations = new RevocationList({ intervalMs: config.REVOCATIONS_POLL_MS, logger }).start(revocationsOverHttp(url, { routerSecret: config.SUBGRAPH_SECRET }));
  const verifyToken = createTokenVerifier({ keys: new URL(config.JWKS_URL), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, revocations });
  return { verifyToken, revocations };
}

/** The account was deleted or its role changed after this token was issued. */
export const revokedToken = () => new UnauthenticatedError('The access token was revoked; sign in again.', 401);

/** The token's `exp` has passed: when it is presented, and when a socket it opened reaches it. */
export const expiredToken = () => new UnauthenticatedError('The access token has expired; refresh it and try again.', 401);

function toAuthError(error: unknown): Error {
  if (error instanceof UnauthenticatedError) return error;
  if (error instanceof joseErrors.JWTExpired) return expiredToken();
  // Key set unreachable: not the caller's fault, and no reason to call them anonymous.
  if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && !(error instanceof joseErrors.JOSEError))) {
    return new InternalError('Token verification is unavailable right now; try again shortly.');
  }
  return new UnauthenticatedError('The access token is invalid.', 401);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The token of an `Authorization: Bearer ...` header; anything else there is UNAUTHENTICATED. */
export function bearerToken(header: string | undefined | null): string | null {
  if (header === undefined || header === null || header === '') return null;
  const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(header.trim());
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <access token>".', 401);
  return match[1];
}

/**
 * The caller an `Authorization` header presents: null without one (anonymous), else its verified
 * credentials; a malformed header or a bad token throws UNAUTHENTICATED.
 */
export async function verifyAuthorization(header: string | undefined | null, verifyToken: TokenVerifier): Promise<Credentials | null> {
  const token = bearerToken(header);
  return token ? verifyToken(token) : null;
}

/** Access helpers: every resolver that needs a signed-in user or a role calls one of these. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
  return v;
}

/** The viewer is `userId` themself, or an ADMIN. */
export function requireSelfOrAdmin(viewer: Viewer | null, userId: string): Viewer {
  const v = requireViewer(viewer);
  if (v.id !== userId && v.role !== 'ADMIN') throw new ForbiddenError('Only this user or an ADMIN can do this.');
  return v;
}
