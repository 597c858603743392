import { ACCESS_TOKEN_ALGORITHM, CLOCK_TOLERANCE_SECONDS, createTokenVerifier, TOKEN_VERSION_CLAIM, type RevocationCheck, type TokenVerifier, type Viewer } from '@bookstore/server-core';
import { createLocalJWKSet, SignJWT } from 'jose';
import type { SigningKeys } from './signing-keys.js';

export interface TokenAudience {
  /** `iss` of every access token; verifiers pin it (config JWT_ISSUER). */
  issuer: string;
  /** `aud` of every access token; verifiers pin it (config JWT_AUDIENCE). */
  audience: string;
}

export interface AccessTokenSettings extends TokenAudience {
  /** Lifetime of an access token in seconds; DESIGN.md asks for 15 minutes (900). */
  accessTokenTtlSeconds: number;
}

/** Whom a token is for: the viewer it proves, and the account's current token version. */
export interface TokenSubject extends Viewer {
  tokenVersion: number;
}

/** Signs a short-lived ES256 access token for `subject` (claims: iss, aud, sub, role, ver, iat, exp). */
export function signAccessToken(keys: SigningKeys, settings: AccessTokenSettings, subject: TokenSubject, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: subject.role, [TOKEN_VERSION_CLAIM]: subject.tokenVersion })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(subject.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.accessTokenTtlSeconds)
    .sign(keys.privateKey);
}

/** The kit's verifier over this process's own public keys, with no JWKS round trip over HTTP. */
export function localTokenVerifier(keys: SigningKeys, audience: TokenAudience, revocations?: RevocationCheck): TokenVerifier {
  return createTokenVerifier({ keys: createLocalJWKSet(keys.jwks), issuer: audience.issuer, audience: audience.audience, revocations });
}

/**
 * How long a revocation must stay on the list: a token issued just before it is accepted for its
 * lifetime plus the verifiers' clock tolerance; the tolerance once more covers the database's
 * clock (which stamps the revocation) running apart from the signer's (which stamps the token).
 */
export function revocationWindowSeconds(settings: Pick<AccessTokenSettings, 'accessTokenTtlSeconds'>): number {
  return settings.accessTokenTtlSeconds + 2 * CLOCK_TOLERANCE_SECONDS;
}
