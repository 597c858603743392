import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import { LoanFilter, loanFilters } from '../library/MyLoansPage';
import { LoanFieldsFragment, ReturnButton } from '../library/loan-actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';

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
  const [params] = useSearchParams();
  const status = loanFilters.find((filter) => filter.value === params.get('status'))?.value;
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(DeskLoansQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const loans = data?.loans;
  return (
    <>
      <LoanFilter label="Loans by status" />
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

export default function LoansDeskPage() {
  return (
    <Page title="Loans desk" roles={['LIBRARIAN', 'ADMIN']}>
      <LoansDesk />
    </Page>
  );
}
