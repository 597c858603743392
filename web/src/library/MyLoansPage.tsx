import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import type { LoanStatus } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';
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

function MyLoans() {
  const status = useStatusParam(loanFilters);
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(MyLoansQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const loans = data?.me?.loans;
  return (
    <>
      <StatusFilter label="Loans by status" options={loanFilters} />
      {!data && loading && <Loading label="Loading your loans…" />}
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loans && loans.edges.length === 0 && (
        <Empty title="No loans here">
          <p>
            Borrow a book from its page in the <Link to="/">catalogue</Link>.
          </p>
        </Empty>
      )}
      {loans && loans.edges.length > 0 && (
        <ul className="row-list">
          {loans.edges.map(({ node }) => getFragmentData(LoanFieldsFragment, node)).map((loan) => (
            <li key={loan.id} className="loan-row">
              <div>
                <p>
                  <Link to={`/books/${loan.book.id}`}>{loan.book.title}</Link> <StatusBadge status={loan.status} />
                </p>
                <p className="fine-print">
                  Borrowed {formatDate(loan.borrowedAt)} · {loan.returnedAt ? `returned ${formatDate(loan.returnedAt)}` : `due ${formatDate(loan.dueAt)}`}
                  {loan.renewals > 0 ? ` · renewed ${loan.renewals}×` : ''}
                </p>
              </div>
              {loan.status !== 'RETURNED' && (
                <div className="row-actions">
                  {loan.status === 'ACTIVE' && <RenewButton loanId={loan.id} title={loan.book.title} />}
                  <ReturnButton loanId={loan.id} title={loan.book.title} onReturned={() => void refetch()} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore pageInfo={loans?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More loans" />
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
