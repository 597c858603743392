import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ActionButton } from '../ui/actions';
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
  const [returnBook, state] = useMutation(ReturnBookMutation, { refetchQueries: holdQueries });
  return (
    <ActionButton className="button small" state={state} run={() => returnBook({ variables: { loanId } }).then(() => onReturned?.())} busyLabel="Returning…" aria-label={`Return ${title}`}>
      Return
    </ActionButton>
  );
}

export function RenewButton({ loanId, title }: { loanId: string; title: string }) {
  const [renew, state] = useMutation(RenewLoanMutation);
  return (
    <ActionButton className="button secondary small" state={state} run={() => renew({ variables: { loanId } })} busyLabel="Renewing…" aria-label={`Renew ${title}`}>
      Renew
    </ActionButton>
  );
}
