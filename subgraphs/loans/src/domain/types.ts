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
