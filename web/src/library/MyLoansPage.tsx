import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import type { LoanFieldsFragment as LoanFields, LoanStatus } from '../gql/graphql';
import { formatDate } from '../ui/format';
import { BookLink } from '../ui/BookLink';
import { ConnectionList } from '../ui/ConnectionList';
import { ListRow } from '../ui/ListRow';
import { Empty } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusFilter, useStatusParam, type StatusOption } from '../ui/StatusFilter';
import { LibraryNav } from './LibraryNav';
import { LoanFieldsFragment, RenewButton, ReturnButton } from './loan-actions';

const MyLoansQuery = graphql(`
  query MyLoans($status: LoanStatus, $after: String) {
    me {
      id
      loans(status: $status, first: 20, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            ...LoanFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const loanFilters: StatusOption<LoanStatus>[] = [
  { value: undefined, label: 'All' },
  { value: 'ACTIVE', label: 'Out now' },
  { value: 'OVERDUE', label: 'Overdue' },
  { value: 'RETURNED', label: 'Returned' },
];

function LoanRow({ loan, onReturned }: { loan: LoanFields; onReturned: () => void }) {
  const actions = loan.status !== 'RETURNED' && (
    <div className="row-actions">
      {loan.status === 'ACTIVE' && <RenewButton loanId={loan.id} title={loan.book.title} />}
      <ReturnButton loanId={loan.id} title={loan.book.title} onReturned={onReturned} />
    </div>
  );
  return (
    <ListRow className="loan-row" heading={<BookLink book={loan.book} />} status={loan.status} aside={actions}>
      <p className="fine-print">
        Borrowed {formatDate(loan.borrowedAt)} · {loan.returnedAt ? `returned ${formatDate(loan.returnedAt)}` : `due ${formatDate(loan.dueAt)}`}
        {loan.renewals > 0 ? ` · renewed ${loan.renewals}×` : ''}
      </p>
    </ListRow>
  );
}

function MyLoans() {
  const status = useStatusParam(loanFilters);
  const query = useQuery(MyLoansQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const empty = (
    <Empty title="No loans here">
      <p>
        Borrow a book from its page in the <Link to="/">catalogue</Link>.
      </p>
    </Empty>
  );
  return (
    <>
      <StatusFilter label="Loans by status" options={loanFilters} />
      <ConnectionList query={query} connection={query.data?.me?.loans} loadingLabel="Loading your loans…" empty={empty} moreLabel="More loans" item={(node) => <LoanRow key={node.id} loan={getFragmentData(LoanFieldsFragment, node)} onReturned={() => void query.refetch()} />} />
    </>
  );
}

export default function MyLoansPage() {
  return (
    <Page title="Your loans" session>
      <LibraryNav />
      <MyLoans />
    </Page>
  );
}
