import { ConflictError } from '@bookstore/server-core';
import { intInRange } from '@bookstore/subgraph-runtime';

/** No library holds more copies of one title; a larger number is a typo. */
export const MAX_LENDING_COPIES = 10_000;

/** A book's lending copies; a book without a row has none. */
export interface LendingCopies {
  totalCopies: number;
  onLoan: number;
  /** Copies kept for READY holds: not on loan, yet not free for anyone but their holders. */
  setAside: number;
}

/** A book's copies with the earliest due date of its open loans (null when none is out) and its queue's length. */
export interface BookCopies extends LendingCopies {
  earliestDueAt: Date | null;
  holdsWaiting: number;
}

/** GraphQL `Availability`. */
export interface Availability {
  totalCopies: number;
  availableCopies: number;
  available: boolean;
  nextDueAt: Date | null;
  holdsWaiting: number;
}

/** Copies anyone may borrow: neither on loan nor set aside for a hold. */
export function freeCopies(copies: LendingCopies | null | undefined): number {
  return copies ? copies.totalCopies - copies.onLoan - copies.setAside : 0;
}

/** setLendingCopies(copies): 0 (stop lending) to MAX_LENDING_COPIES. */
export function parseLendingCopies(copies: number): number {
  return intInRange(copies, 'copies', 0, MAX_LENDING_COPIES);
}

/**
 * Copies out on loan or set aside for a hold cannot be taken out of the count: they come back
 * or are promised, and each needs its place.
 */
export function checkCopiesCoverLoans(bookId: string, copies: number, current: LendingCopies | undefined): void {
  const inUse = (current?.onLoan ?? 0) + (current?.setAside ?? 0);
  if (copies < inUse) {
    const setAside = current?.setAside ? ` and ${current.setAside} set aside for holds` : '';
    throw new ConflictError(`copies cannot be ${copies}: ${current?.onLoan ?? 0} copies of book ${bookId} are on loan right now${setAside}, so set at least ${inUse}.`, 'copies');
  }
}

/** borrowBook when the conditional take of a copy found none free. */
export function noCopyFreeError(book: { id: string; title: string }, copies: LendingCopies | null): ConflictError {
  const name = `"${book.title}" (bookId ${book.id})`;
  if (!copies || copies.totalCopies === 0) return new ConflictError(`The library has no lending copies of ${name}.`, 'bookId');
  if (copies.setAside > 0) {
    return new ConflictError(`No copy of ${name} is free: of ${copies.totalCopies} lending copies, ${copies.onLoan} are on loan and ${copies.setAside} set aside for members' holds; place a hold to join the queue.`, 'bookId');
  }
  return new ConflictError(`No copy of ${name} is free: all ${copies.totalCopies} lending copies are on loan; place a hold to join the queue.`, 'bookId');
}

/**
 * A book's availability; a book without lending copies has none. `nextDueAt` (the earliest due date of its open loans) tells a reader when
 * to come back, so it is given only when no copy is free.
 */
export function availabilityOf(copies: BookCopies | null): Availability {
  const availableCopies = freeCopies(copies);
  const available = availableCopies > 0;
  return { totalCopies: copies?.totalCopies ?? 0, availableCopies, available, nextDueAt: available ? null : (copies?.earliestDueAt ?? null), holdsWaiting: copies?.holdsWaiting ?? 0 };
}
