import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import type { HoldFieldsFragment as HoldFields, HoldStatus } from '../gql/graphql';
import { formatDate, formatDateTime } from '../ui/format';
import { BookLink } from '../ui/BookLink';
import { ConnectionList } from '../ui/ConnectionList';
import { ListRow } from '../ui/ListRow';
import { Empty } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusFilter, useStatusParam, type StatusOption } from '../ui/StatusFilter';
import { CancelHoldButton, holdSummary, HoldFieldsFragment } from './holds';
import { LibraryNav } from './LibraryNav';
import { noticeText, useLibraryNotices } from './notifications';

const MyHoldsQuery = graphql(`
  query MyHolds($status: HoldStatus, $after: String) {
    me {
      id
      holds(status: $status, first: 20, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            ...HoldFields
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

const holdFilters: StatusOption<HoldStatus>[] = [
  { value: undefined, label: 'All' },
  { value: 'WAITING', label: 'Waiting' },
  { value: 'READY', label: 'Ready to pick up' },
  { value: 'FULFILLED', label: 'Picked up' },
  { value: 'EXPIRED', label: 'Expired' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

function HoldRow({ hold }: { hold: HoldFields }) {
  const actions = (hold.status === 'WAITING' || hold.status === 'READY') && (
    <div className="row-actions">
      {hold.status === 'READY' && (
        <Link className="button small" to={`/books/${hold.book.id}`} aria-label={`Borrow ${hold.book.title}`}>
          Borrow
        </Link>
      )}
      <CancelHoldButton holdId={hold.id} title={hold.book.title} />
    </div>
  );
  return (
    <ListRow className="loan-row" heading={<BookLink book={hold.book} />} status={hold.status} aside={actions}>
      <p className={hold.status === 'READY' ? 'success' : 'fine-print'}>{holdSummary(hold)}</p>
      <p className="fine-print">Placed {formatDate(hold.placedAt)}</p>
    </ListRow>
  );
}

function MyHolds() {
  const status = useStatusParam(holdFilters);
  const query = useQuery(MyHoldsQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const empty = (
    <Empty title="No holds here">
      <p>
        When no copy of a book is free, place a hold from its page in the <Link to="/">catalogue</Link>: you join its queue and hear when a copy is set aside for you.
      </p>
    </Empty>
  );
  return (
    <>
      <StatusFilter label="Holds by status" options={holdFilters} />
      <ConnectionList query={query} connection={query.data?.me?.holds} loadingLabel="Loading your holds…" empty={empty} moreLabel="More holds" item={(node) => <HoldRow key={node.id} hold={getFragmentData(HoldFieldsFragment, node)} />} />
    </>
  );
}

/** What the live feed brought since the page was opened (the API does not keep notifications). */
function Notifications() {
  const notices = useLibraryNotices();
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">Library notifications</h2>
      {notices.length === 0 ? (
        <p className="fine-print">None since you opened the shop. They appear here as they arrive: a copy set aside for you, a hold expired, a loan due soon or overdue.</p>
      ) : (
        <ul className="row-list">
          {notices.map((notice) => (
            <li key={notice.at + notice.kind + notice.title}>
              <p>{noticeText(notice)}</p>
              <p className="fine-print">{formatDateTime(notice.at)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function MyHoldsPage() {
  return (
    <Page title="Your holds" session>
      <LibraryNav />
      <MyHolds />
      <Notifications />
    </Page>
  );
}
