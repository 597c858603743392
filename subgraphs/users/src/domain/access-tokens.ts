import { ACCESS_TOKEN_ALGORITHM, createTokenVerifier, type TokenVerifier, type Viewer } from '@bookstore/kit';
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

/** Signs a short-lived ES256 access token for `subject` (claims: iss, aud, sub, role, iat, exp). */
export function signAccessToken(keys: SigningKeys, settings: AccessTokenSettings, subject: Viewer, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: subject.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(subject.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.accessTokenTtlSeconds)
    .sign(keys.privateKey);
}

/** The kit's verifier over this process's own public keys, with no JWKS round trip over HTTP. */
export function localTokenVerifier(keys: SigningKeys, audience: TokenAudience): TokenVerifier {
  return createTokenVerifier({ keys: createLocalJWKSet(keys.jwks), issuer: audience.issuer, audience: audience.audience });
}
