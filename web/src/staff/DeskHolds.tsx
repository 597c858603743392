import { useMutation, useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../gql';
import type { HoldFieldsFragment as HoldFields, HoldStatus } from '../gql/graphql';
import { CancelHoldButton, holdQueries, holdSummary, HoldFieldsFragment } from '../library/holds';
import { ActionButton } from '../ui/actions';
import { BookLink } from '../ui/BookLink';
import { ConnectionList } from '../ui/ConnectionList';
import { DataTable, type Column } from '../ui/DataTable';
import { formatDate } from '../ui/format';
import { Empty } from '../ui/Loading';
import { StatusBadge } from '../ui/StatusBadge';
import { MemberNameFragment, memberName, type Member } from './members';

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

type DeskHold = HoldFields & { member: Member };

const holdColumns: Column<DeskHold>[] = [
  { header: 'Book', cell: (hold) => <BookLink book={hold.book} /> },
  { header: 'Member', cell: (hold) => memberName(hold.member) },
  {
    header: 'Status',
    cell: (hold) => (
      <>
        <StatusBadge status={hold.status} /> <span className="fine-print">{holdSummary(hold)}</span>
      </>
    ),
  },
  { header: 'Since', cell: (hold) => formatDate(hold.placedAt) },
  {
    header: 'Action',
    cell: (hold) => (
      <div className="row-actions">
        {hold.status === 'READY' && <LendButton bookId={hold.book.id} memberId={hold.member.id} label={`${hold.member.username}: ${hold.book.title}`} />}
        <CancelHoldButton holdId={hold.id} title={`${hold.book.title} for ${hold.member.username}`} />
      </div>
    ),
  },
];

/**
 * Holds of one status at the desk: one book's queue or its copies set aside, or, with no book
 * chosen, those of every book. One status at a time: a book's past holds would otherwise crowd
 * the live ones off the first page.
 */
export function DeskHolds({ bookId, status, caption, empty }: { bookId?: string | undefined; status: HoldStatus; caption: string; empty: string }) {
  const query = useQuery(DeskHoldsQuery, { variables: { bookId, status }, notifyOnNetworkStatusChange: true });
  return (
    <ConnectionList query={query} connection={query.data?.holds} loadingLabel="Loading holds…" empty={<Empty title={empty} />} moreLabel="More holds">
      {(nodes) => <DataTable caption={caption} columns={holdColumns} rows={nodes.map((node) => ({ ...getFragmentData(HoldFieldsFragment, node), member: getFragmentData(MemberNameFragment, node.member) }))} />}
    </ConnectionList>
  );
}
