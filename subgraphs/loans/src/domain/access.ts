import { ForbiddenError, requireViewer, UnauthenticatedError, type Viewer } from '@bookstore/server-core';
import { isUuid } from '@bookstore/subgraph-runtime';

/** LIBRARIANs run the lending library; ADMINs may do anything. */
function isStaff(viewer: Viewer): boolean {
  return viewer.role === 'LIBRARIAN' || viewer.role === 'ADMIN';
}

function isSelf(viewer: Viewer, userId: string): boolean {
  return viewer.id.toLowerCase() === userId.toLowerCase();
}

/** The one rule behind a member's loans and holds: theirs and the library staff's business, nobody else's. */
function requireSelfOrStaff(viewer: Viewer | null, userId: string, forbidden: string): Viewer {
  const caller = requireViewer(viewer);
  if (!isSelf(caller, userId) && !isStaff(caller)) throw new ForbiddenError(forbidden);
  return caller;
}

/** A loan: its borrower, LIBRARIANs and ADMINs (also for returnBook). */
export function requireLoanAccess(viewer: Viewer | null, loan: { borrowerId: string }): Viewer {
  return requireSelfOrStaff(viewer, loan.borrowerId, 'Only the borrower of this loan, a LIBRARIAN or an ADMIN can see or change it.');
}

/** renewLoan: only the borrower, who is the one keeping the book longer. */
export function requireBorrower(viewer: Viewer | null, loan: { borrowerId: string }): Viewer {
  const caller = requireViewer(viewer);
  if (!isSelf(caller, loan.borrowerId)) throw new ForbiddenError('Only the borrower of this loan can renew it.');
  return caller;
}

/** User.loans and User.holds: the user themself, a LIBRARIAN or an ADMIN. */
export function requireLibraryRecordsOf(viewer: Viewer | null, userId: string, records: 'loans' | 'holds'): Viewer {
  return requireSelfOrStaff(viewer, userId, `Only this user, a LIBRARIAN or an ADMIN can see this user's ${records}.`);
}

/** A hold: its member, LIBRARIANs and ADMINs (also for cancelHold). */
export function requireHoldAccess(viewer: Viewer | null, hold: { memberId: string }): Viewer {
  return requireSelfOrStaff(viewer, hold.memberId, 'Only the member of this hold, a LIBRARIAN or an ADMIN can see or change it.');
}

/** Borrowers are users of the users subgraph, whose ids are UUIDs; a token naming anything else names no account. */
export function borrowerIdOf(viewer: Viewer | null): string {
  const caller = requireViewer(viewer);
  if (!isUuid(caller.id)) throw new UnauthenticatedError('The access token does not name a user account.');
  return caller.id.toLowerCase();
}
