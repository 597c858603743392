import { useRole } from '../client/ApiProvider';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { formatDate } from '../ui/format';
import { Stars } from '../ui/Stars';
import { DeleteReviewButton } from './DeleteReviewButton';

export const ReviewItemFragment = graphql(`
  fragment ReviewItem_review on Review {
    id
    rating
    title
    body
    verifiedPurchase
    createdAt
    author {
      id
      username
    }
  }
`);

export function ReviewItem(props: { review: FragmentType<typeof ReviewItemFragment> }) {
  const review = getFragmentData(ReviewItemFragment, props.review);
  // LIBRARIANs and ADMINs moderate: they may delete any review.
  const role = useRole();
  return (
    <article className="review" aria-label={`Review by ${review.author.username}`}>
      <header className="review-header">
        <Stars rating={review.rating} />
        {review.title && <h3 className="review-title">{review.title}</h3>}
      </header>
      <p className="review-meta">
        {review.author.username} · {formatDate(review.createdAt)}
        {review.verifiedPurchase && <span className="verified"> · Verified purchase</span>}
      </p>
      {review.body && <p className="review-body">{review.body}</p>}
      {(role === 'LIBRARIAN' || role === 'ADMIN') && <DeleteReviewButton reviewId={review.id} label={`Delete review by ${review.author.username} (moderation)`} />}
    </article>
  );
}
