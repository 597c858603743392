import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ActionForm } from '../ui/actions';
import { ReviewFields, reviewFields, useReviewDraft } from './ReviewFields';

const AddReviewMutation = graphql(`
  mutation AddReview($input: AddReviewInput!) {
    addReview(input: $input) {
      id
      ...ReviewItem_review
    }
  }
`);

/** A signed-in reader's review of the book (one per reader and book: a second is CONFLICT). */
export function ReviewForm({ bookId }: { bookId: string }) {
  const [draft, setDraft] = useReviewDraft();
  const [add, state] = useMutation(AddReviewMutation, { refetchQueries: ['BookPage'] });
  if (state.data) return <p role="status" className="success">Thank you: your review is published.</p>;
  const run = () => add({ variables: { input: { bookId, rating: Number(draft.rating), title: draft.title || null, body: draft.body || null } } });
  return (
    <ActionForm className="review-form" aria-label="Write a review" run={run} state={state} fields={reviewFields} submitLabel="Publish review" busyLabel="Publishing…">
      <h3>Write a review</h3>
      <ReviewFields draft={draft} onChange={setDraft} error={state.error} />
    </ActionForm>
  );
}
