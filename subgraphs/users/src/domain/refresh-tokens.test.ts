import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken, refreshTokenExpiry, refreshTokenState } from './refresh-tokens.js';

describe('newRefreshToken', () => {
  it('is 32 random bytes in base64url, stored only as its SHA-256', () => {
    const { token, tokenHash } = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashRefreshToken(token)).toBe(tokenHash);
    expect(newRefreshToken().token).not.toBe(token);
  });
});

describe('refreshTokenExpiry', () => {
  it('adds whole days', () => {
    expect(refreshTokenExpiry(new Date('2026-01-01T00:00:00Z'), 30).toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});

describe('refreshTokenState', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  const fresh = { usedAt: null, revokedAt: null, expiresAt: new Date('2026-02-01T00:00:00Z') };

  it('is active while unused, unrevoked and unexpired', () => {
    expect(refreshTokenState(fresh, now)).toBe('active');
  });

  it('is expired at its expiry instant', () => {
    expect(refreshTokenState({ ...fresh, expiresAt: now }, now)).toBe('expired');
  });

  it('is reused once exchanged, even after it expired', () => {
    const used = { ...fresh, usedAt: new Date('2026-01-05T00:00:00Z') };
    expect(refreshTokenState(used, now)).toBe('reused');
    expect(refreshTokenState({ ...used, expiresAt: new Date('2026-01-06T00:00:00Z') }, now)).toBe('reused');
  });

  it('is revoked whatever else holds', () => {
    expect(refreshTokenState({ ...fresh, usedAt: now, revokedAt: now }, now)).toBe('revoked');
  });
});
