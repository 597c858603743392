import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { DeleteReviewButton } from '../book/DeleteReviewButton';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { Stars } from '../ui/Stars';

const ModerationReviewsQuery = graphql(`
  query ModerationReviews($after: String) {
    reviews(first: 20, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          rating
          title
          body
          createdAt
          verifiedPurchase
          author {
            id
            username
          }
          book {
            id
            title
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

/** Every review of every book, newest first, each with a delete for moderation. */
function Moderation() {
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(ModerationReviewsQuery, { notifyOnNetworkStatusChange: true });
  if (!data && loading) return <Loading label="Loading reviews…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const reviews = data?.reviews;
  if (!reviews || reviews.edges.length === 0) return <Empty title="No reviews yet" />;
  return (
    <>
      <p className="fine-print">{reviews.totalCount} reviews, newest first. A deleted review leaves its book's rating at once.</p>
      <ul className="review-list">
        {reviews.edges.map(({ node: review }) => (
          <li key={review.id}>
            <article className="review" aria-label={`Review of ${review.book.title} by ${review.author.username}`}>
              <h2 className="review-title">
                <Link to={`/books/${review.book.id}`}>{review.book.title}</Link>
              </h2>
              <p>
                <Stars rating={review.rating} /> {review.title && <strong>{review.title}</strong>}
              </p>
              {review.body && <p className="review-body">{review.body}</p>}
              <p className="review-meta">
                {review.author.username} · {formatDate(review.createdAt)}
                {review.verifiedPurchase && <span className="verified"> · Verified purchase</span>}
              </p>
              <DeleteReviewButton reviewId={review.id} label={`Delete review of ${review.book.title} by ${review.author.username}`} />
            </article>
          </li>
        ))}
      </ul>
      <LoadMore pageInfo={reviews.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More reviews" />
    </>
  );
}

export default function ReviewsModerationPage() {
  return (
    <Page title="Reviews" roles={['LIBRARIAN', 'ADMIN']}>
      <Moderation />
    </Page>
  );
}
