import { decodeCursor, isUuid } from '@bookstore/kit';

/** Loans list newest first: by borrowing time, then id (both descending) to break ties. */
export type LoanCursor = [borrowedAt: string, id: string];

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function loanCursorOf(loan: { borrowedAt: Date; id: string }): LoanCursor {
  return [loan.borrowedAt.toISOString(), loan.id];
}

export function decodeLoanCursor(after: string | null | undefined): LoanCursor | null {
  return decodeCursor(
    after,
    (key): key is LoanCursor =>
      key.length === 2 && typeof key[0] === 'string' && ISO_MILLIS.test(key[0]) && !Number.isNaN(Date.parse(key[0])) && typeof key[1] === 'string' && isUuid(key[1]),
  );
}
