import { UnrecoverableError, type EventHandlers } from '@bookstore/subgraph-runtime';
import { recordBookChange } from '../db/books.js';
import { lockLoan, updateLoan } from '../db/loans.js';
import { shouldMarkOverdue } from '../domain/due-dates.js';

/**
 * The `loans` consumer. Each handler runs in the transaction that records the event in the inbox,
 * so a redelivered event has no second effect; both are also idempotent by state (a book change
 * no newer than the row, a loan no longer ACTIVE and due), so a repeated event changes nothing.
 */
export function loansEventHandlers(): EventHandlers {
  return {
    'book.changed': async (tx, payload, event) => {
      await recordBookChange(tx, payload, new Date(event.occurredAt));
    },
    // The delayed job written with each borrow and renewal, published when the loan falls due.
    'loan.due': async (tx, payload) => {
      const locked = await lockLoan(tx, payload.loanId);
      // Written in the transaction that created the loan, and loans are never deleted.
      if (!locked) throw new UnrecoverableError(`loan.due names loan ${payload.loanId}, which does not exist`);
      if (shouldMarkOverdue(locked.loan, locked.now)) await updateLoan(tx, payload.loanId, { status: 'OVERDUE' });
    },
  };
}
