import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors } from '../client/errors';
import { graphql } from '../gql';
import { holdQueries } from '../library/holds';
import { ActionForm } from '../ui/actions';
import { TextField } from '../ui/Field';
import { formatDate } from '../ui/format';

const CheckOutBookMutation = graphql(`
  mutation CheckOutBook($bookId: ID!, $memberId: ID!) {
    checkOutBook(bookId: $bookId, memberId: $memberId) {
      id
      dueAt
      borrower {
        id
        username
      }
      book {
        id
        title
        availability {
          ...AvailabilityFields
        }
      }
    }
  }
`);

/**
 * Who a card number belongs to, so the librarian lends to the right person. `user(id)` answers
 * any signed-in caller with the username and name (the email is the user's and ADMINs' only), so
 * it works for a LIBRARIAN, who may not list users.
 */
const DeskMemberQuery = graphql(`
  query DeskMember($id: ID!) {
    user(id: $id) {
      id
      username
      name
    }
  }
`);

/** Ids are UUIDs (the API refuses anything else), so the look-up waits for a whole one, not a query per keystroke. */
const CARD_NUMBER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lending a book at the desk to a member by their library card number (their user id). */
export function DeskCheckOut({ bookId, title }: { bookId: string; title: string }) {
  const [memberId, setMemberId] = useState('');
  const trimmed = memberId.trim();
  const member = useQuery(DeskMemberQuery, { variables: { id: trimmed }, skip: !CARD_NUMBER.test(trimmed) });
  const [checkOut, state] = useMutation(CheckOutBookMutation, { refetchQueries: ['DeskLoans', ...holdQueries] });
  const errors = fieldErrors(state.error);
  const found = member.data?.user;
  const lent = state.data && !state.loading && `Lent to ${state.data.checkOutBook.borrower.username}, due back ${formatDate(state.data.checkOutBook.dueAt)}.`;
  return (
    <ActionForm
      className="stack-form"
      aria-labelledby="checkout-title"
      run={() => checkOut({ variables: { bookId, memberId: trimmed } })}
      state={state}
      fields={['memberId']}
      done={lent}
      submitLabel="Check out"
      busyLabel="Checking out…"
      submitDisabled={!trimmed}
    >
      <h3 id="checkout-title">Lend “{title}”</h3>
      <TextField
        label="Member's card number"
        required
        value={memberId}
        onChange={(event) => setMemberId(event.target.value)}
        error={errors['memberId']}
        hint={found ? `Lending to ${found.username}${found.name ? ` (${found.name})` : ''}.` : member.data && CARD_NUMBER.test(trimmed) ? 'No member has this card number.' : 'Shown on the member’s account page.'}
      />
    </ActionForm>
  );
}
