import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { holdQueries } from './holds';

/** A loan as the lists show it (the member's loans, the desk). */
export const LoanFieldsFragment = graphql(`
  fragment LoanFields on Loan {
    id
    status
    borrowedAt
    dueAt
    returnedAt
    renewals
    book {
      id
      title
    }
  }
`);

const ReturnBookMutation = graphql(`
  mutation ReturnBook($loanId: ID!) {
    returnBook(loanId: $loanId) {
      id
      status
      returnedAt
      book {
        id
        availability {
          ...AvailabilityFields
        }
      }
    }
  }
`);

const RenewLoanMutation = graphql(`
  mutation RenewLoan($loanId: ID!) {
    renewLoan(loanId: $loanId) {
      id
      status
      dueAt
      renewals
    }
  }
`);

/** Returning a loan: the borrower from their loans, staff at the desk. */
export function ReturnButton({ loanId, title, onReturned }: { loanId: string; title: string; onReturned?: () => void }) {
  // A copy back may be set aside for the first hold in the queue: the hold lists are asked again.
  const [returnBook, { loading, error }] = useMutation(ReturnBookMutation, { refetchQueries: holdQueries });
  return (
    <>
      <button type="button" className="button small" disabled={loading} aria-label={`Return ${title}`} onClick={() => void returnBook({ variables: { loanId } }).then(() => onReturned?.()).catch(() => undefined)}>
        {loading ? 'Returning…' : 'Return'}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}

export function RenewButton({ loanId, title }: { loanId: string; title: string }) {
  const [renew, { loading, error }] = useMutation(RenewLoanMutation);
  return (
    <>
      <button type="button" className="button secondary small" disabled={loading} aria-label={`Renew ${title}`} onClick={() => void renew({ variables: { loanId } }).catch(() => undefined)}>
        {loading ? 'Renewing…' : 'Renew'}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
