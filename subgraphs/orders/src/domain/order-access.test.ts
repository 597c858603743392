import { ErrorCode } from '@bookstore/server-core';
import { describe, expect, it } from 'vitest';
import { customerIdOf, requireOrderAccess } from './order-access.js';

const CUSTOMER = '6f1c1a52-2a43-4a8e-9d1c-1d3f4a5b6c7d';
const order = { customerId: CUSTOMER };

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions?.['code'];
  }
  throw new Error('expected an error');
}

describe('requireOrderAccess', () => {
  it('lets the customer and ADMINs in', () => {
    expect(requireOrderAccess({ id: CUSTOMER, role: 'CUSTOMER' }, order).id).toBe(CUSTOMER);
    expect(requireOrderAccess({ id: CUSTOMER.toUpperCase(), role: 'CUSTOMER' }, order).role).toBe('CUSTOMER');
    expect(requireOrderAccess({ id: 'someone-else', role: 'ADMIN' }, order).role).toBe('ADMIN');
  });

  it('keeps out other users, LIBRARIANs included, and anonymous callers', () => {
    expect(codeOf(() => requireOrderAccess({ id: '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a', role: 'CUSTOMER' }, order))).toBe(ErrorCode.FORBIDDEN);
    expect(codeOf(() => requireOrderAccess({ id: '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a', role: 'LIBRARIAN' }, order))).toBe(ErrorCode.FORBIDDEN);
    expect(codeOf(() => requireOrderAccess(null, order))).toBe(ErrorCode.UNAUTHENTICATED);
  });
});

describe('customerIdOf', () => {
  it('is the signed-in user’s id, lower case', () => {
    expect(customerIdOf({ id: CUSTOMER.toUpperCase(), role: 'CUSTOMER' })).toBe(CUSTOMER);
  });

  it('refuses anonymous callers and tokens that name no user account', () => {
    expect(codeOf(() => customerIdOf(null))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(codeOf(() => customerIdOf({ id: 'user-admin', role: 'ADMIN' }))).toBe(ErrorCode.UNAUTHENTICATED);
  });
});
