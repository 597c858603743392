import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { authorizationHeader, bearerToken, requireRole, requireSelfOrAdmin, requireViewer, verifyAuthorization } from './auth.js';
import { createTestIssuer } from './test-issuer.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('access helpers', () => {
  it('parses bearer tokens and refuses other schemes', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(codeOf(() => bearerToken('Basic dXNlcjpwYXNz'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => bearerToken('Bearer'))).toBe('UNAUTHENTICATED');
  });

  it('checks sign-in, roles and ownership', () => {
    const customer = { id: 'u1', role: 'CUSTOMER' as const };
    const admin = { id: 'a1', role: 'ADMIN' as const };
    expect(codeOf(() => requireViewer(null))).toBe('UNAUTHENTICATED');
    expect(requireViewer(customer)).toBe(customer);
    expect(codeOf(() => requireRole(customer, 'ADMIN', 'LIBRARIAN'))).toBe('FORBIDDEN');
    expect(requireRole(admin, 'ADMIN')).toBe(admin);
    expect(requireSelfOrAdmin(customer, 'u1')).toBe(customer);
    expect(codeOf(() => requireSelfOrAdmin(customer, 'u2'))).toBe('FORBIDDEN');
    expect(requireSelfOrAdmin(admin, 'u2')).toBe(admin);
  });
});

describe('credentials', () => {
  it('are what the verifier returns: the viewer, the token, its expiry in ms and its version, decoded once', async () => {
    const issuer = await createTestIssuer();
    const token = await issuer.sign('u1', { role: 'LIBRARIAN', tokenVersion: 4 });
    const credentials = await issuer.verifyToken(token);
    expect(credentials).toEqual({ viewer: { id: 'u1', role: 'LIBRARIAN' }, token, expiresAt: decodeJwt(token).exp! * 1000, tokenVersion: 4 });
    // Tokens without the claim are version 0.
    expect((await issuer.verifyToken(await issuer.sign('u1'))).tokenVersion).toBe(0);
  });

  it('come from an Authorization header (null without one) and give it back in one canonical form', async () => {
    const issuer = await createTestIssuer();
    const token = await issuer.sign('u1');
    await expect(verifyAuthorization(undefined, issuer.verifyToken)).resolves.toBeNull();
    const credentials = await verifyAuthorization(`bearer   ${token} `, issuer.verifyToken);
    expect(credentials?.viewer).toEqual({ id: 'u1', role: 'CUSTOMER' });
    expect(authorizationHeader(credentials!)).toBe(`Bearer ${token}`);
    await expect(verifyAuthorization(`Basic ${token}`, issuer.verifyToken)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('token verifier', () => {
  it('checks a signature once a minute, but a token it remembers is still refused once revoked or expired', async () => {
    let clock = Date.now();
    const revoked = new Set<string>();
    const issuer = await createTestIssuer('test-issuer', 'test-audience', { now: () => clock, revocations: { isRevoked: (subject) => revoked.has(subject) } });
    // Expired 30 s ago: still inside the 60 s of allowed clock skew, for another 30 s.
    const token = await issuer.sign('u1', { expiresIn: -30 });
    const credentials = await issuer.verifyToken(token);
    expect(await issuer.verifyToken(token)).toEqual(credentials);
    // Another signature on the same claims is checked, never taken for the token remembered.
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    await expect(issuer.verifyToken(forged)).rejects.toMatchObject({ message: 'The access token is invalid.' });
    revoked.add('u1');
    await expect(issuer.verifyToken(token)).rejects.toMatchObject({ message: 'The access token was revoked; sign in again.' });
    revoked.clear();
    clock += 29_000;
    await expect(issuer.verifyToken(token)).resolves.toEqual(credentials);
    clock += 2_000;
    await expect(issuer.verifyToken(token)).rejects.toMatchObject({ message: 'The access token has expired; refresh it and try again.' });
  });
});
