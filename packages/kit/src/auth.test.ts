import { describe, expect, it } from 'vitest';
import { bearerToken, requireRole, requireSelfOrAdmin, requireViewer } from './auth.js';

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
