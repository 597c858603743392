import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import { holdQueries } from '../library/holds';
import { ErrorNotice } from '../ui/ErrorNotice';
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
  const [checkOut, { data, loading, error }] = useMutation(CheckOutBookMutation, { refetchQueries: ['DeskLoans', ...holdQueries] });
  const errors = fieldErrors(error);
  const found = member.data?.user;
  return (
    <form
      className="stack-form"
      aria-labelledby="checkout-title"
      onSubmit={(event) => {
        event.preventDefault();
        void checkOut({ variables: { bookId, memberId: trimmed } }).catch(() => undefined);
      }}
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
      <ErrorNotice errors={formLevelErrors(error, ['memberId'])} />
      {data && !loading && (
        <p role="status" className="success">
          Lent to {data.checkOutBook.borrower.username}, due back {formatDate(data.checkOutBook.dueAt)}.
        </p>
      )}
      <button type="submit" className="button" disabled={loading || !trimmed}>
        {loading ? 'Checking out…' : 'Check out'}
      </button>
    </form>
  );
}
