import { ConflictError } from '@bookstore/server-core';
import { intInRange } from '@bookstore/subgraph-runtime';

/** No library holds more copies of one title; a larger number is a typo. */
export const MAX_LENDING_COPIES = 10_000;

/** A book's lending copies; a book without a row has none. */
export interface LendingCopies {
  totalCopies: number;
  onLoan: number;
}

/** A book's copies with the earliest due date of its open loans (null when none is out). */
export interface BookCopies extends LendingCopies {
  earliestDueAt: Date | null;
}

/** GraphQL `Availability`. */
export interface Availability {
  totalCopies: number;
  availableCopies: number;
  available: boolean;
  nextDueAt: Date | null;
}

/** setLendingCopies(copies): 0 (stop lending) to MAX_LENDING_COPIES. */
export function parseLendingCopies(copies: number): number {
  return intInRange(copies, 'copies', 0, MAX_LENDING_COPIES);
}

/** Copies out on loan cannot be taken out of the count: they come back, and each needs its place. */
export function checkCopiesCoverLoans(bookId: string, copies: number, onLoan: number): void {
  if (copies < onLoan) {
    throw new ConflictError(`copies cannot be ${copies}: ${onLoan} copies of book ${bookId} are on loan right now, so set at least ${onLoan}.`, 'copies');
  }
}

/** borrowBook when the conditional take of a copy found none free. */
export function noCopyFreeError(book: { id: string; title: string }, copies: LendingCopies | null): ConflictError {
  const name = `"${book.title}" (bookId ${book.id})`;
  if (!copies || copies.totalCopies === 0) return new ConflictError(`The library has no lending copies of ${name}.`, 'bookId');
  return new ConflictError(`No copy of ${name} is free: all ${copies.totalCopies} lending copies are on loan.`, 'bookId');
}

/**
 * A book's availability; a book without lending copies has none. `nextDueAt` (the earliest due date of its open loans) tells a reader when
 * to come back, so it is given only when no copy is free.
 */
export function availabilityOf(copies: BookCopies | null): Availability {
  const totalCopies = copies?.totalCopies ?? 0;
  const availableCopies = totalCopies - (copies?.onLoan ?? 0);
  const available = availableCopies > 0;
  return { totalCopies, availableCopies, available, nextDueAt: available ? null : (copies?.earliestDueAt ?? null) };
}
