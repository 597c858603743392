import { ConflictError } from '@bookstore/server-core';
import { freeCopies, type LendingCopies } from './lending-copies.js';
import type { LoanRules } from './rules.js';
import type { Hold, OpenLoan } from './types.js';

/** Holds still in play: in the queue, or with a copy set aside. */
export function isActiveHold(hold: Pick<Hold, 'status'>): boolean {
  return hold.status === 'WAITING' || hold.status === 'READY';
}

/**
 * placeHold's rules, checked under the book's copies lock and the member's lock: a queue only for
 * a book the library lends and that has no free copy, one hold or loan per member and book, and
 * at most `maxActiveHolds` holds at once.
 */
export function checkHoldPlacement(
  book: { id: string; title: string },
  copies: LendingCopies | undefined,
  member: { activeHolds: readonly Pick<Hold, 'id' | 'bookId' | 'status'>[]; openLoans: readonly Pick<OpenLoan, 'id' | 'bookId'>[] },
  rules: LoanRules,
): void {
  const name = `"${book.title}" (bookId ${book.id})`;
  if (!copies || copies.totalCopies === 0) throw new ConflictError(`The library has no lending copies of ${name}, so there is no queue to join.`, 'bookId');
  if (freeCopies(copies) > 0) throw new ConflictError(`A copy of ${name} is free: borrow it instead of placing a hold.`, 'bookId');
  const held = member.activeHolds.find((hold) => hold.bookId === book.id);
  if (held) throw new ConflictError(`You already hold ${name} (hold ${held.id}, ${held.status}).`, 'bookId');
  const lent = member.openLoans.find((loan) => loan.bookId === book.id);
  if (lent) throw new ConflictError(`You already have ${name} on loan as loan ${lent.id}.`, 'bookId');
  if (member.activeHolds.length >= rules.maxActiveHolds) {
    throw new ConflictError(`You already have ${member.activeHolds.length} active holds, the most allowed at once (${rules.maxActiveHolds}); cancel one first.`);
  }
}

/** A hold whose copy was just set aside: kept for its member for the pickup period. */
export function readyFrom(now: Date, rules: LoanRules): { status: 'READY'; readyAt: Date; pickupBy: Date } {
  return { status: 'READY', readyAt: now, pickupBy: new Date(now.getTime() + rules.holdPickupMs) };
}

/** cancelHold: only a hold still in play can be cancelled. */
export function checkCancellable(hold: Pick<Hold, 'id' | 'status'>): void {
  if (!isActiveHold(hold)) throw new ConflictError(`Hold ${hold.id} (holdId) is ${hold.status} already, so it cannot be cancelled.`, 'holdId');
}

/**
 * The `hold.pickup_due` job's decision: expire only a hold still READY whose pickup deadline has
 * come; one picked up, cancelled or expired before finds nothing to do.
 */
export function shouldExpire(hold: Pick<Hold, 'status' | 'pickupBy'>, now: Date): boolean {
  return hold.status === 'READY' && hold.pickupBy !== null && hold.pickupBy.getTime() <= now.getTime();
}

/** renewLoan is refused while members wait for the book: the copy should come back to them. */
export function checkNoOneWaits(loanId: string, othersWait: boolean): void {
  if (othersWait) throw new ConflictError(`Loan ${loanId} (loanId) cannot be renewed: other members are waiting for this book; please return it by its due date.`, 'loanId');
}
