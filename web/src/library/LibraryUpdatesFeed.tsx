import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getFragmentData, graphql } from '../gql';
import { holdQueries, HoldFieldsFragment } from './holds';
import { libraryNotices, noticeText, useLibraryNotices } from './notifications';

/**
 * The hold and loan fields come with each update so that Apollo's cache, which keys holds and
 * loans by id, updates every view that shows them (the book page's library box, My holds) as
 * the news arrives.
 */
const MyLibraryUpdatesSubscription = graphql(`
  subscription MyLibraryUpdates {
    myLibraryUpdates {
      kind
      at
      hold {
        id
        ...HoldFields
      }
      loan {
        id
        status
        dueAt
        book {
          id
          title
        }
      }
    }
  }
`);

/**
 * The signed-in member's library news, live: a polite status region in the layout says the
 * newest (screen readers announce it without moving focus), and My holds lists them all.
 */
export default function LibraryUpdatesFeed() {
  const client = useApolloClient();
  const notices = useLibraryNotices();
  const [dismissed, setDismissed] = useState<string | undefined>();
  useSubscription(MyLibraryUpdatesSubscription, {
    onData: ({ data: result }) => {
      const update = result.data?.myLibraryUpdates;
      if (!update) return;
      const hold = getFragmentData(HoldFieldsFragment, update.hold);
      const title = hold?.book.title ?? update.loan?.book.title ?? 'a book';
      const until = hold ? hold.pickupBy : update.loan?.dueAt;
      libraryNotices.add({ kind: update.kind, at: update.at, title, until });
      // A copy set aside or gone elsewhere changes the queues and the book's availability.
      void client.refetchQueries({ include: [...holdQueries, 'BookPage', 'MyLoans'] });
    },
  });
  useEffect(() => () => libraryNotices.clear(), []);
  const latest = notices[0];
  const shown = latest && latest.at + latest.kind !== dismissed ? latest : undefined;
  return (
    <div className="library-updates" role="status" aria-label="Library notifications">
      {shown && (
        <div className="library-update">
          <p>
            {noticeText(shown)} <Link to="/library/holds">Your holds</Link>
          </p>
          <button type="button" className="button secondary small" onClick={() => setDismissed(shown.at + shown.kind)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
