import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';

const DeleteReviewMutation = graphql(`
  mutation DeleteReview($id: ID!) {
    deleteReview(id: $id)
  }
`);

/**
 * Deleting a review: its author (My reviews), or a LIBRARIAN or ADMIN moderating (the book page,
 * the staff's reviews list). The review leaves the cache, so every list showing it drops it; the
 * book page is asked again for its rating, which the review counted in.
 */
export function DeleteReviewButton({ reviewId, label }: { reviewId: string; label: string }) {
  const [remove, { loading, error }] = useMutation(DeleteReviewMutation, {
    refetchQueries: ['BookPage'],
    update(cache, { data }) {
      if (data?.deleteReview) cache.evict({ id: cache.identify({ __typename: 'Review', id: reviewId }) });
    },
  });
  return (
    <>
      <button type="button" className="button link" disabled={loading} onClick={() => void remove({ variables: { id: reviewId } }).catch(() => undefined)} aria-label={label}>
        {loading ? 'Deleting…' : 'Delete'}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
