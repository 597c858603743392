import { useMutation } from '@apollo/client/react';
import { useEffect, useId } from 'react';
import { useSession } from '../client/ApiProvider';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { ActionButton } from '../ui/actions';
import { formatDate } from '../ui/format';

const SummaryFieldsFragment = graphql(`
  fragment SummaryFields on BookSummary {
    status
    text
    provider
    generatedAt
    failureReason
  }
`);

export const SummaryBoxFragment = graphql(`
  fragment SummaryBox_book on Book {
    id
    summary {
      ...SummaryFields
    }
  }
`);

const RequestSummaryMutation = graphql(`
  mutation RequestSummary($bookId: ID!) {
    requestSummary(bookId: $bookId) {
      ...SummaryFields
    }
  }
`);

/**
 * The AI summary of the book: shown when ready; requested by a signed-in reader when there is
 * none (or the last one failed); while it is being written the page asks again every few
 * seconds (`poll`), since summaries have no subscription.
 */
export function SummaryBox(props: { book: FragmentType<typeof SummaryBoxFragment>; poll: (ms: number) => void }) {
  const book = getFragmentData(SummaryBoxFragment, props.book);
  const session = useSession();
  const [request, requesting] = useMutation(RequestSummaryMutation, {
    update(cache, { data }) {
      if (data) cache.modify({ id: cache.identify({ __typename: 'Book', id: book.id }), fields: { summary: () => data.requestSummary } });
    },
  });
  const id = useId();
  const summary = book.summary ? getFragmentData(SummaryFieldsFragment, book.summary) : null;
  const pending = summary?.status === 'PENDING';
  const { poll } = props;
  useEffect(() => {
    poll(pending ? 2_000 : 0);
    return () => poll(0);
  }, [pending, poll]);

  return (
    <section className="box summary-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="box-title">
        AI summary
      </h2>
      <div aria-live="polite">
        {summary?.status === 'READY' && summary.text && (
          <>
            <p>{summary.text}</p>
            <p className="fine-print">
              Written by {summary.provider}
              {summary.generatedAt ? ` on ${formatDate(summary.generatedAt)}` : ''}.
            </p>
          </>
        )}
        {pending && <p role="status">A summary is being written…</p>}
        {summary?.status === 'FAILED' && <p>The last summary could not be written{summary.failureReason ? `: ${summary.failureReason}` : '.'}</p>}
        {!summary && <p>No summary yet.</p>}
      </div>
      {(!summary || summary.status === 'FAILED') &&
        (session.status === 'signed-in' ? (
          <ActionButton className="button secondary" state={requesting} run={() => request({ variables: { bookId: book.id } })} busyLabel="Requesting…">
            Request a summary
          </ActionButton>
        ) : (
          <p className="fine-print">Sign in to request one.</p>
        ))}
    </section>
  );
}
