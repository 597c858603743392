/** GraphQL `LoanStatus`. ACTIVE becomes OVERDUE when its `loan.due` event finds it still out. */
export type LoanStatus = 'ACTIVE' | 'OVERDUE' | 'RETURNED';

/** A loan as the rules see it. */
export interface Loan {
  id: string;
  bookId: string;
  borrowerId: string;
  status: LoanStatus;
  borrowedAt: Date;
  dueAt: Date;
  returnedAt: Date | null;
  renewals: number;
}

/** A loan still out (ACTIVE or OVERDUE), as the borrowing rules see it. */
export type OpenLoan = Pick<Loan, 'id' | 'bookId' | 'status' | 'dueAt'>;

/** GraphQL `HoldStatus`: WAITING in the queue, READY with a copy set aside, then one of the three ends. */
export type HoldStatus = 'WAITING' | 'READY' | 'FULFILLED' | 'CANCELLED' | 'EXPIRED';

/** A hold as the rules see it. */
export interface Hold {
  id: string;
  bookId: string;
  memberId: string;
  status: HoldStatus;
  placedAt: Date;
  readyAt: Date | null;
  pickupBy: Date | null;
}
