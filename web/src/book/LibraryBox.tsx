import { useMutation } from '@apollo/client/react';
import { useId } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../client/ApiProvider';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { AvailabilityFieldsFragment } from '../library/availability';
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

/**
 * The library's copies of the book: how many are free, when the next comes back, and borrowing
 * one. (Holds on a book with no copy free come with the library desk's API.)
 */
export function LibraryBox(props: { book: FragmentType<typeof LibraryBoxFragment> }) {
  const book = getFragmentData(LibraryBoxFragment, props.book);
  const session = useSession();
  const location = useLocation();
  const [borrow, { data, loading, error }] = useMutation(BorrowBookMutation);
  const id = useId();
  const availability = getFragmentData(AvailabilityFieldsFragment, book.availability);
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
          {data ? (
            <p role="status" className="success">
              Borrowed. Due back {formatDate(data.borrowBook.dueAt)}. <Link to="/library/loans">Your loans</Link>
            </p>
          ) : session.status === 'signed-in' ? (
            availability.available && (
              <button type="button" className="button" disabled={loading} onClick={() => void borrow({ variables: { bookId: book.id } }).catch(() => undefined)}>
                {loading ? 'Borrowing…' : 'Borrow'}
              </button>
            )
          ) : (
            availability.available && (
              <p>
                <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> to borrow it.
              </p>
            )
          )}
          {error && <ErrorNotice error={error} />}
        </>
      )}
    </section>
  );
}
