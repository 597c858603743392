import { useMutation, useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../client/ApiProvider';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { AvailabilityFieldsFragment } from '../library/availability';
import { CancelHoldButton, holdQueries, holdSummary, HoldFieldsFragment, MyActiveHoldsQuery } from '../library/holds';
import { ActionButton } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';

export const LibraryBoxFragment = graphql(`
  fragment LibraryBox_book on Book {
    id
    title
    availability {
      ...AvailabilityFields
    }
  }
`);

const BorrowBookMutation = graphql(`
  mutation BorrowBook($bookId: ID!) {
    borrowBook(bookId: $bookId) {
      id
      status
      dueAt
      book {
        id
        ...LibraryBox_book
      }
    }
  }
`);

const PlaceHoldMutation = graphql(`
  mutation PlaceHold($bookId: ID!) {
    placeHold(bookId: $bookId) {
      id
      ...HoldFields
      book {
        id
        ...LibraryBox_book
      }
    }
  }
`);

/** The signed-in member's WAITING or READY hold on this book, if any (from the cache the notifications also update). */
function useMyHold(bookId: string, signedIn: boolean) {
  const { data, error } = useQuery(MyActiveHoldsQuery, { skip: !signedIn });
  const holds = [...(data?.me?.ready?.edges ?? []), ...(data?.me?.waiting?.edges ?? [])].map((edge) => getFragmentData(HoldFieldsFragment, edge.node));
  return { hold: holds.find((hold) => hold.book.id === bookId && (hold.status === 'WAITING' || hold.status === 'READY')), error };
}

/**
 * The library's copies of the book: how many are free, when the next comes back, how many
 * members wait; borrowing a free copy, queueing for one when none is free, and the member's own
 * place in the queue (or the copy set aside for them) with a way to leave it.
 */
export function LibraryBox(props: { book: FragmentType<typeof LibraryBoxFragment> }) {
  const book = getFragmentData(LibraryBoxFragment, props.book);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const location = useLocation();
  // Borrowing fulfils the member's READY hold, so the hold lists are asked again.
  const [borrow, borrowing] = useMutation(BorrowBookMutation, { refetchQueries: holdQueries });
  const [placeHold, holding] = useMutation(PlaceHoldMutation, { refetchQueries: holdQueries });
  const { hold: myHold, error: holdsError } = useMyHold(book.id, signedIn);
  const id = useId();
  const availability = getFragmentData(AvailabilityFieldsFragment, book.availability);
  const signInLink = (
    <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link>
  );
  // A copy set aside for this member is theirs to borrow even when no copy is free for others.
  const canBorrow = availability.available || myHold?.status === 'READY';

  const action = () => {
    if (borrowing.data) {
      return (
        <p role="status" className="success">
          Borrowed. Due back {formatDate(borrowing.data.borrowBook.dueAt)}. <Link to="/library/loans">Your loans</Link>
        </p>
      );
    }
    if (!signedIn) return <p>{signInLink} to {availability.available ? 'borrow it' : 'place a hold'}.</p>;
    return (
      <>
        {myHold && (
          <p role="status" className={myHold.status === 'READY' ? 'success' : undefined}>
            {myHold.status === 'READY' ? 'A copy is set aside for you. ' : 'You hold this book. '}
            {holdSummary(myHold)}.
          </p>
        )}
        <div className="row-actions">
          {canBorrow ? (
            <ActionButton state={borrowing} run={() => borrow({ variables: { bookId: book.id } })} busyLabel="Borrowing…">
              Borrow
            </ActionButton>
          ) : (
            !myHold && (
              <ActionButton state={holding} run={() => placeHold({ variables: { bookId: book.id } })} busyLabel="Placing hold…">
                Place hold
              </ActionButton>
            )
          )}
          {myHold && <CancelHoldButton holdId={myHold.id} title={book.title} />}
        </div>
        {myHold && (
          <p className="fine-print">
            <Link to="/library/holds">Your holds</Link>
          </p>
        )}
      </>
    );
  };

  return (
    <section className="box library-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="box-title">
        Borrow from the library
      </h2>
      {availability.totalCopies === 0 ? (
        <p>The library has no lending copies of this book.</p>
      ) : (
        <>
          <p>
            {availability.availableCopies} of {availability.totalCopies} {availability.totalCopies === 1 ? 'copy' : 'copies'} free
          </p>
          {!availability.available && availability.nextDueAt && <p>Next copy due back {formatDate(availability.nextDueAt)}.</p>}
          {availability.holdsWaiting > 0 && (
            <p>
              {availability.holdsWaiting} {availability.holdsWaiting === 1 ? 'member waits' : 'members wait'} for a copy.
            </p>
          )}
          {action()}
          <ErrorNotice error={holdsError} />
        </>
      )}
    </section>
  );
}
