import type { Role, Viewer } from '@bookstore/server-core';
import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { borrowerIdOf, requireBorrower, requireHoldAccess, requireLibraryRecordsOf, requireLoanAccess } from './access.js';

const BORROWER = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const OTHER = '1b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';
const loan = { borrowerId: BORROWER };
const as = (id: string, role: Role = 'CUSTOMER'): Viewer => ({ id, role });

describe('requireLoanAccess', () => {
  it('lets the borrower (whatever the id case), LIBRARIANs and ADMINs through', () => {
    for (const viewer of [as(BORROWER), as(BORROWER.toUpperCase()), as(OTHER, 'LIBRARIAN'), as(OTHER, 'ADMIN')]) {
      expect(requireLoanAccess(viewer, loan)).toBe(viewer);
    }
  });

  it('is FORBIDDEN to other customers and UNAUTHENTICATED without a viewer', () => {
    expect(errorOf(() => requireLoanAccess(as(OTHER), loan))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(() => requireLoanAccess(null, loan))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('requireBorrower', () => {
  it('lets only the borrower renew, not even staff', () => {
    expect(() => requireBorrower(as(BORROWER), loan)).not.toThrow();
    for (const viewer of [as(OTHER), as(OTHER, 'LIBRARIAN'), as(OTHER, 'ADMIN')]) expect(errorOf(() => requireBorrower(viewer, loan))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('requireLibraryRecordsOf', () => {
  it.each(['loans', 'holds'] as const)("shows a user's %s to that user, LIBRARIANs and ADMINs only", (records) => {
    for (const viewer of [as(BORROWER), as(OTHER, 'LIBRARIAN'), as(OTHER, 'ADMIN')]) expect(() => requireLibraryRecordsOf(viewer, BORROWER, records)).not.toThrow();
    expect(errorOf(() => requireLibraryRecordsOf(as(OTHER), BORROWER, records))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(`this user's ${records}`) });
    expect(errorOf(() => requireLibraryRecordsOf(null, BORROWER, records))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('requireHoldAccess', () => {
  it('lets the member, LIBRARIANs and ADMINs see or cancel a hold, nobody else', () => {
    const hold = { memberId: BORROWER };
    for (const viewer of [as(BORROWER), as(OTHER, 'LIBRARIAN'), as(OTHER, 'ADMIN')]) expect(requireHoldAccess(viewer, hold)).toBe(viewer);
    expect(errorOf(() => requireHoldAccess(as(OTHER), hold))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(() => requireHoldAccess(null, hold))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('borrowerIdOf', () => {
  it('is the viewer id, lower-cased; a token naming no user account is UNAUTHENTICATED', () => {
    expect(borrowerIdOf(as(BORROWER.toUpperCase()))).toBe(BORROWER);
    expect(errorOf(() => borrowerIdOf(as('service-account')))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(errorOf(() => borrowerIdOf(null))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
