import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the CSPRNG: unguessable, so a plain SHA-256 (no salt, no stretching) protects it at rest. */
export const REFRESH_TOKEN_BYTES = 32;
const DAY_MS = 86_400_000;

export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function refreshTokenExpiry(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * DAY_MS);
}

export interface RefreshTokenRecord {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * What presenting a stored token means. A token already exchanged is `reused` even when it has
 * since expired: only a copy can be presented twice, so its whole family must go (RFC 9700 §4.14.2).
 */
export type RefreshTokenState = 'active' | 'reused' | 'revoked' | 'expired';

export function refreshTokenState(record: RefreshTokenRecord, now: Date): RefreshTokenState {
  if (record.revokedAt) return 'revoked';
  if (record.usedAt) return 'reused';
  if (record.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
