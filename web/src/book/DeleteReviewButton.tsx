import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { ActionButton } from '../ui/actions';

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
  const [remove, state] = useMutation(DeleteReviewMutation, {
    refetchQueries: ['BookPage'],
    update(cache, { data }) {
      if (data?.deleteReview) cache.evict({ id: cache.identify({ __typename: 'Review', id: reviewId }) });
    },
  });
  return (
    <ActionButton className="button link" state={state} run={() => remove({ variables: { id: reviewId } })} busyLabel="Deleting…" aria-label={label}>
      Delete
    </ActionButton>
  );
}
