import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import { AvailabilityFieldsFragment } from '../library/availability';
import { loanFilters } from '../library/MyLoansPage';
import { LoanFieldsFragment, ReturnButton } from '../library/loan-actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';
import { StatusFilter, useStatusParam } from '../ui/StatusFilter';
import { DeskCheckOut } from './DeskCheckOut';
import { DeskHolds } from './DeskHolds';

const DeskBookQuery = graphql(`
  query DeskBook($id: ID!) {
    book(id: $id) {
      id
      title
      availability {
        ...AvailabilityFields
      }
    }
  }
`);

const DeskLoansQuery = graphql(`
  query DeskLoans($status: LoanStatus, $after: String) {
    loans(status: $status, first: 25, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...LoanFields
          borrower {
            id
            username
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every member's loans by status (overdue first thing in the morning), and taking returns. */
function LoansDesk() {
  const status = useStatusParam(loanFilters);
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(DeskLoansQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const loans = data?.loans;
  return (
    <>
      <h2 id="loans-title">Loans</h2>
      <StatusFilter label="Loans by status" options={loanFilters} />
      {!data && loading && <Loading />}
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loans && loans.edges.length === 0 && <Empty title="No loans here" />}
      {loans && loans.edges.length > 0 && (
        <div className="table-scroll">
          <table className="list-table">
            <caption className="visually-hidden">Loans, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Book</th>
                <th scope="col">Member</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {loans.edges.map(({ node }) => ({ ...getFragmentData(LoanFieldsFragment, node), borrower: node.borrower })).map((loan) => (
                <tr key={loan.id}>
                  <td>
                    <Link to={`/books/${loan.book.id}`}>{loan.book.title}</Link>
                  </td>
                  <td>{loan.borrower.name ? `${loan.borrower.name} (${loan.borrower.username})` : loan.borrower.username}</td>
                  <td>
                    <StatusBadge status={loan.status} />
                  </td>
                  <td>{loan.returnedAt ? `returned ${formatDate(loan.returnedAt)}` : formatDate(loan.dueAt)}</td>
                  <td>{loan.status !== 'RETURNED' && <ReturnButton loanId={loan.id} title={loan.book.title} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pageInfo={loans?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More loans" />
    </>
  );
}

/** The book the desk works on (?book=, from the staff book finder): lend it, and its queue. */
function DeskBook({ bookId }: { bookId: string }) {
  const { data, error, loading, refetch } = useQuery(DeskBookQuery, { variables: { id: bookId } });
  if (!data && loading) return <Loading label="Loading the book…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const book = data?.book;
  if (!book)
    return (
      <Empty title="No book with this id">
        <p>
          Find it in the <Link to="/staff">staff book finder</Link>.
        </p>
      </Empty>
    );
  const availability = getFragmentData(AvailabilityFieldsFragment, book.availability);
  return (
    <section aria-labelledby="desk-book-title" className="desk-book">
      <h2 id="desk-book-title">{book.title}</h2>
      <p>
        {availability.availableCopies} of {availability.totalCopies} copies free · {availability.holdsWaiting} waiting
        {!availability.available && availability.nextDueAt ? ` · next due back ${formatDate(availability.nextDueAt)}` : ''} · <Link to="/staff/loans">Another book</Link>
      </p>
      <DeskCheckOut bookId={book.id} title={book.title} />
      <h3>Copies set aside</h3>
      <DeskHolds bookId={book.id} status="READY" caption={`Copies of ${book.title} set aside for members`} empty="No copy set aside" />
      <h3>Queue</h3>
      <DeskHolds bookId={book.id} status="WAITING" caption={`Members waiting for ${book.title}, first in line first`} empty="Nobody waits for this book" />
    </section>
  );
}

export default function LoansDeskPage() {
  const [params] = useSearchParams();
  const bookId = params.get('book');
  return (
    <Page title="Loans desk" roles={['LIBRARIAN', 'ADMIN']}>
      {bookId ? (
        <DeskBook bookId={bookId} />
      ) : (
        <section aria-labelledby="ready-title">
          <h2 id="ready-title">Copies set aside for pick-up</h2>
          <p className="fine-print">
            To lend a book or see its queue, choose <strong>Desk</strong> beside it in the <Link to="/staff">staff book finder</Link>.
          </p>
          <DeskHolds status="READY" caption="Copies set aside across the library, oldest first" empty="No copies set aside" />
        </section>
      )}
      <LoansDesk />
    </Page>
  );
}
