import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ReviewFields, useReviewDraft } from './ReviewFields';

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
  const [add, { data, loading, error }] = useMutation(AddReviewMutation, { refetchQueries: ['BookPage'] });
  if (data) return <p role="status" className="success">Thank you: your review is published.</p>;
  return (
    <form
      className="review-form"
      aria-label="Write a review"
      onSubmit={(event) => {
        event.preventDefault();
        void add({ variables: { input: { bookId, rating: Number(draft.rating), title: draft.title || null, body: draft.body || null } } }).catch(() => undefined);
      }}
    >
      <h3>Write a review</h3>
      <ReviewFields draft={draft} onChange={setDraft} error={error} />
      <button type="submit" className="button" disabled={loading}>
        {loading ? 'Publishing…' : 'Publish review'}
      </button>
    </form>
  );
}
