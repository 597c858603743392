import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { localTokenVerifier, signAccessToken } from './access-tokens.js';
import { loadSigningKeys, type SigningKeys } from './signing-keys.js';

const settings = { issuer: 'bookstore-users', audience: 'bookstore', accessTokenTtlSeconds: 900 };
const viewer = { id: '0b9c2a52-1f0e-4c55-9d1e-2f3a4b5c6d7e', role: 'LIBRARIAN' } as const;
const subject = { ...viewer, tokenVersion: 3 };

let keys: SigningKeys;
beforeAll(async () => {
  keys = await loadSigningKeys({ production: false });
});

describe('signAccessToken', () => {
  it('signs ES256 with the key id in the header', async () => {
    const token = await signAccessToken(keys, settings, subject);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: keys.kid, typ: 'JWT' });
    expect(keys.jwks.keys[0]).toMatchObject({ kid: keys.kid, kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
  });

  it('carries iss, aud, sub, role, the token version, iat and exp = iat + ttl', async () => {
    const now = new Date('2026-03-01T10:00:00.750Z');
    const claims = decodeJwt(await signAccessToken(keys, settings, subject, now));
    expect(claims).toEqual({ iss: 'bookstore-users', aud: 'bookstore', sub: viewer.id, role: 'LIBRARIAN', ver: 3, iat: 1772359200, exp: 1772359200 + 900 });
  });

  it('is refused once its account has revoked tokens of its version, with 401 and a message saying so', async () => {
    const revoked = new Map<string, number>();
    const verify = localTokenVerifier(keys, settings, { isRevoked: (sub, version) => version < (revoked.get(sub) ?? 0) });
    const token = await signAccessToken(keys, settings, subject);
    await expect(verify(token)).resolves.toMatchObject({ viewer });
    revoked.set(viewer.id, 3);
    await expect(verify(token)).resolves.toMatchObject({ viewer });
    revoked.set(viewer.id, 4);
    await expect(verify(token)).rejects.toMatchObject({ message: 'The access token was revoked; sign in again.', extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    await expect(verify(await signAccessToken(keys, settings, { ...subject, tokenVersion: 4 }))).resolves.toMatchObject({ viewer });
  });

  it('is accepted by the kit verifier over the local key set', async () => {
    const verify = localTokenVerifier(keys, settings);
    await expect(verify(await signAccessToken(keys, settings, subject))).resolves.toMatchObject({ viewer });
  });

  it('is rejected once expired beyond the 60 s clock tolerance', async () => {
    const verify = localTokenVerifier(keys, settings);
    const issued = new Date(Date.now() - (900 + 61) * 1000);
    await expect(verify(await signAccessToken(keys, settings, subject, issued))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const withinSkew = new Date(Date.now() - (900 + 30) * 1000);
    await expect(verify(await signAccessToken(keys, settings, subject, withinSkew))).resolves.toMatchObject({ viewer });
  });

  it('is rejected by a verifier pinned to another audience or issuer', async () => {
    const token = await signAccessToken(keys, settings, subject);
    await expect(localTokenVerifier(keys, { ...settings, audience: 'other' })(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(localTokenVerifier(keys, { ...settings, issuer: 'other' })(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is rejected when signed by another key', async () => {
    const otherKeys = await loadSigningKeys({ production: false });
    expect(otherKeys.kid).not.toBe(keys.kid);
    const forged = await signAccessToken({ ...otherKeys, kid: keys.kid }, settings, subject);
    await expect(localTokenVerifier(keys, settings)(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
