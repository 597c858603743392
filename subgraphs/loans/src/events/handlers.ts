import { UnrecoverableError, type EventHandlers } from '@bookstore/subgraph-runtime';
import { expireHold } from '../commands/end-hold.js';
import { recordBookChange } from '../db/books.js';
import { lockLoan, updateLoan } from '../db/loans.js';
import { shouldMarkOverdue, shouldNoticeDueSoon } from '../domain/due-dates.js';
import { loanUpdate } from '../domain/library-updates.js';
import type { LoanRules } from '../domain/rules.js';

/**
 * The `loans` consumer. Each handler runs in the transaction that records the event in the inbox,
 * so a redelivered event has no second effect; all are also idempotent by state (a book change
 * no newer than the row, a loan no longer ACTIVE and due, a hold no longer READY), so a repeated
 * event changes nothing. Members' notifications (`library.update`) are written to the outbox in
 * that transaction, so nothing is published for a change that rolled back.
 */
export function loansEventHandlers(rules: LoanRules): EventHandlers {
  return {
    'book.changed': async (tx, payload, event) => {
      await recordBookChange(tx, payload, new Date(event.occurredAt));
    },
    // The delayed job written with each borrow and renewal, published when the loan falls due.
    'loan.due': async (tx, payload, _event, emit) => {
      const locked = await lockLoan(tx, payload.loanId);
      // Written in the transaction that created the loan, and loans are never deleted.
      if (!locked) throw new UnrecoverableError(`loan.due names loan ${payload.loanId}, which does not exist`);
      if (!shouldMarkOverdue(locked.loan, locked.now)) return;
      const loan = await updateLoan(tx, payload.loanId, { status: 'OVERDUE' });
      await emit(loanUpdate('LOAN_OVERDUE', loan, locked.now));
    },
    // Written beside each loan.due, published two days before that due date.
    'loan.due_soon': async (tx, payload, _event, emit) => {
      const locked = await lockLoan(tx, payload.loanId);
      if (!locked) throw new UnrecoverableError(`loan.due_soon names loan ${payload.loanId}, which does not exist`);
      if (shouldNoticeDueSoon(locked.loan, payload.dueAt, locked.now)) await emit(loanUpdate('LOAN_DUE_SOON', locked.loan, locked.now));
    },
    // Written when a hold becomes READY, published at its pickup deadline.
    'hold.pickup_due': async (tx, payload, _event, emit) => {
      await expireHold(tx, emit, rules, payload.holdId);
    },
  };
}
