import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import type { LoanFieldsFragment } from '../gql/graphql';
import { AvailabilityFieldsFragment } from '../library/availability';
import { loanFilters } from '../library/MyLoansPage';
import { LoanFieldsFragment as LoanFields, ReturnButton } from '../library/loan-actions';
import { MemberNameFragment, memberName, type Member } from './members';
import { BookLink } from '../ui/BookLink';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { ConnectionList } from '../ui/ConnectionList';
import { DataTable, type Column } from '../ui/DataTable';
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
            ...MemberName_user
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

type DeskLoan = LoanFieldsFragment & { borrower: Member };

const loanColumns: Column<DeskLoan>[] = [
  { header: 'Book', cell: (loan) => <BookLink book={loan.book} /> },
  { header: 'Member', cell: (loan) => memberName(loan.borrower) },
  { header: 'Status', cell: (loan) => <StatusBadge status={loan.status} /> },
  { header: 'Due', cell: (loan) => (loan.returnedAt ? `returned ${formatDate(loan.returnedAt)}` : formatDate(loan.dueAt)) },
  { header: 'Action', cell: (loan) => loan.status !== 'RETURNED' && <ReturnButton loanId={loan.id} title={loan.book.title} /> },
];

/** Every member's loans by status (overdue first thing in the morning), and taking returns. */
function LoansDesk() {
  const status = useStatusParam(loanFilters);
  const query = useQuery(DeskLoansQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  return (
    <>
      <h2 id="loans-title">Loans</h2>
      <StatusFilter label="Loans by status" options={loanFilters} />
      <ConnectionList query={query} connection={query.data?.loans} empty={<Empty title="No loans here" />} moreLabel="More loans">
        {(nodes) => <DataTable caption="Loans, newest first" columns={loanColumns} rows={nodes.map((node) => ({ ...getFragmentData(LoanFields, node), borrower: getFragmentData(MemberNameFragment, node.borrower) }))} />}
      </ConnectionList>
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
