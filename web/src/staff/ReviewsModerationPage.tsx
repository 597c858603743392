import { useQuery } from '@apollo/client/react';
import { DeleteReviewButton } from '../book/DeleteReviewButton';
import { ReviewCard, ReviewCards } from '../book/ReviewCard';
import { graphql } from '../gql';
import { Page } from '../ui/Page';

const ModerationReviewsQuery = graphql(`
  query ModerationReviews($after: String) {
    reviews(first: 20, after: $after) {
      ...ReviewCards_connection
    }
  }
`);

/** Every review of every book, newest first, each with a delete for moderation. */
function Moderation() {
  const query = useQuery(ModerationReviewsQuery, { notifyOnNetworkStatusChange: true });
  return (
    <ReviewCards query={query} connection={query.data?.reviews} loadingLabel="Loading reviews…" empty="No reviews yet" intro={(count) => <p className="fine-print">{count} reviews, newest first. A deleted review leaves its book's rating at once.</p>}>
      {(review) => (
        <li key={review.id}>
          <article className="review" aria-label={`Review of ${review.book.title} by ${review.author.username}`}>
            <ReviewCard review={review} meta={review.author.username} date={review.createdAt}>
              <DeleteReviewButton reviewId={review.id} label={`Delete review of ${review.book.title} by ${review.author.username}`} />
            </ReviewCard>
          </article>
        </li>
      )}
    </ReviewCards>
  );
}

export default function ReviewsModerationPage() {
  return (
    <Page title="Reviews" roles={['LIBRARIAN', 'ADMIN']}>
      <Moderation />
    </Page>
  );
}
