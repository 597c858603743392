import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createTokenVerifier, TOKEN_VERSION_CLAIM, type Role, type TokenVerifier } from './auth.js';
import type { RevocationCheck } from './revocations.js';

export interface TestTokenOptions {
  role?: Role;
  /** Seconds from now; negative for an already expired token. Default 900. */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
  /** The `ver` claim; default: none (version 0). */
  tokenVersion?: number;
}

export interface TestIssuer {
  issuer: string;
  audience: string;
  verifyToken: TokenVerifier;
  /** A valid ES256 access token for `userId`, unless the options make it otherwise. */
  sign(userId: string, options?: TestTokenOptions): Promise<string>;
}

/** An ES256 key pair standing in for the users subgraph, for tests of token checks elsewhere. */
export async function createTestIssuer(issuer = 'test-issuer', audience = 'test-audience', options: { revocations?: RevocationCheck; now?: () => number } = {}): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256' };
  return {
    issuer,
    audience,
    verifyToken: createTokenVerifier({ keys: createLocalJWKSet({ keys: [jwk] }), issuer, audience, revocations: options.revocations, now: options.now }),
    sign: (userId, options = {}) => signWith(privateKey, userId, { issuer, audience, ...options }),
  };
}

async function signWith(key: CryptoKey, userId: string, options: TestTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: options.role ?? 'CUSTOMER', ...(options.tokenVersion === undefined ? {} : { [TOKEN_VERSION_CLAIM]: options.tokenVersion }) })
    .setProtectedHeader({ alg: 'ES256', kid: 'test' })
    .setSubject(userId)
    .setIssuer(options.issuer ?? 'test-issuer')
    .setAudience(options.audience ?? 'test-audience')
    .setIssuedAt(now - 1000)
    .setExpirationTime(now + (options.expiresIn ?? 900))
    .sign(key);
}

/** An unsigned token (`alg: none`), which every verifier must refuse. */
export function unsignedToken(userId: string, role: Role = 'ADMIN'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: userId, role, iss: 'test-issuer', aud: 'test-audience', iat: now, exp: now + 900 })}.`;
}
