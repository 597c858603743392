import { ForbiddenError, requireViewer, UnauthenticatedError, type Viewer } from '@bookstore/server-core';
import { isUuid } from '@bookstore/subgraph-runtime';

/** LIBRARIANs run the lending library; ADMINs may do anything. */
function isStaff(viewer: Viewer): boolean {
  return viewer.role === 'LIBRARIAN' || viewer.role === 'ADMIN';
}

function isSelf(viewer: Viewer, userId: string): boolean {
  return viewer.id.toLowerCase() === userId.toLowerCase();
}

/** A loan is its borrower's business and the library staff's, nobody else's (also for returnBook). */
export function requireLoanAccess(viewer: Viewer | null, loan: { borrowerId: string }): Viewer {
  const caller = requireViewer(viewer);
  if (!isSelf(caller, loan.borrowerId) && !isStaff(caller)) {
    throw new ForbiddenError('Only the borrower of this loan, a LIBRARIAN or an ADMIN can see or change it.');
  }
  return caller;
}

/** renewLoan: only the borrower, who is the one keeping the book longer. */
export function requireBorrower(viewer: Viewer | null, loan: { borrowerId: string }): Viewer {
  const caller = requireViewer(viewer);
  if (!isSelf(caller, loan.borrowerId)) throw new ForbiddenError('Only the borrower of this loan can renew it.');
  return caller;
}

/** User.loans: the user themself, a LIBRARIAN or an ADMIN. */
export function requireLoansOfAccess(viewer: Viewer | null, userId: string): Viewer {
  const caller = requireViewer(viewer);
  if (!isSelf(caller, userId) && !isStaff(caller)) throw new ForbiddenError("Only this user, a LIBRARIAN or an ADMIN can see this user's loans.");
  return caller;
}

/** Borrowers are users of the users subgraph, whose ids are UUIDs; a token naming anything else names no account. */
export function borrowerIdOf(viewer: Viewer | null): string {
  const caller = requireViewer(viewer);
  if (!isUuid(caller.id)) throw new UnauthenticatedError('The access token does not name a user account.');
  return caller.id.toLowerCase();
}
