import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import type { HoldStatus } from '../gql/graphql';
import { CancelHoldButton, holdQueries, holdSummary, HoldFieldsFragment } from '../library/holds';
import { ActionButton } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';

/** A book's queue (oldest first, as the API orders it), or every book's holds of one status. */
const DeskHoldsQuery = graphql(`
  query DeskHolds($bookId: ID, $status: HoldStatus, $after: String) {
    holds(bookId: $bookId, status: $status, first: 25, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...HoldFields
          member {
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

const LendToHoldMutation = graphql(`
  mutation LendToHold($bookId: ID!, $memberId: ID!) {
    checkOutBook(bookId: $bookId, memberId: $memberId) {
      id
      dueAt
    }
  }
`);

/** The desk hands the copy set aside for a READY hold to its member: checkOutBook fulfils the hold. */
function LendButton({ bookId, memberId, label }: { bookId: string; memberId: string; label: string }) {
  const [lend, state] = useMutation(LendToHoldMutation, { refetchQueries: ['DeskLoans', ...holdQueries] });
  if (state.data) return <span className="success">Lent, due {formatDate(state.data.checkOutBook.dueAt)}</span>;
  return (
    <ActionButton className="button small" state={state} run={() => lend({ variables: { bookId, memberId } })} busyLabel="Lending…" aria-label={`Lend to ${label}`}>
      Lend
    </ActionButton>
  );
}

/**
 * Holds of one status at the desk: one book's queue or its copies set aside, or, with no book
 * chosen, those of every book. One status at a time: a book's past holds would otherwise crowd
 * the live ones off the first page.
 */
export function DeskHolds({ bookId, status, caption, empty }: { bookId?: string | undefined; status: HoldStatus; caption: string; empty: string }) {
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(DeskHoldsQuery, { variables: { bookId, status }, notifyOnNetworkStatusChange: true });
  const holds = data?.holds;
  const rows = holds?.edges.map(({ node }) => ({ ...getFragmentData(HoldFieldsFragment, node), member: node.member }));
  return (
    <>
      {!data && loading && <Loading label="Loading holds…" />}
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {rows && rows.length === 0 && <Empty title={empty} />}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table className="list-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Book</th>
                <th scope="col">Member</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((hold) => {
                const who = hold.member.name ? `${hold.member.name} (${hold.member.username})` : hold.member.username;
                return (
                  <tr key={hold.id}>
                    <td>
                      <Link to={`/books/${hold.book.id}`}>{hold.book.title}</Link>
                    </td>
                    <td>{who}</td>
                    <td>
                      <StatusBadge status={hold.status} /> <span className="fine-print">{holdSummary(hold)}</span>
                    </td>
                    <td>{formatDate(hold.placedAt)}</td>
                    <td>
                      <div className="row-actions">
                        {hold.status === 'READY' && <LendButton bookId={hold.book.id} memberId={hold.member.id} label={`${hold.member.username}: ${hold.book.title}`} />}
                        <CancelHoldButton holdId={hold.id} title={`${hold.book.title} for ${hold.member.username}`} />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pageInfo={holds?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More holds" />
    </>
  );
}
