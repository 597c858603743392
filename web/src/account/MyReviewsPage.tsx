import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import type { MyReviewsQuery as MyReviewsData } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { DeleteReviewButton } from '../book/DeleteReviewButton';
import { ReviewFields, reviewFields, useReviewDraft } from '../book/ReviewFields';
import { ActionForm } from '../ui/actions';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { Stars } from '../ui/Stars';

const MyReviewsQuery = graphql(`
  query MyReviews($after: String) {
    me {
      id
      reviews(first: 20, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            rating
            title
            body
            verifiedPurchase
            updatedAt
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
  }
`);

const UpdateReviewMutation = graphql(`
  mutation UpdateReview($id: ID!, $input: UpdateReviewInput!) {
    updateReview(id: $id, input: $input) {
      id
      rating
      title
      body
      updatedAt
    }
  }
`);

type Review = NonNullable<NonNullable<MyReviewsData['me']>['reviews']>['edges'][number]['node'];

function EditReview({ review, onDone }: { review: Review; onDone: () => void }) {
  const [draft, setDraft] = useReviewDraft(review);
  const [update, state] = useMutation(UpdateReviewMutation);
  const run = () => update({ variables: { id: review.id, input: { rating: Number(draft.rating), title: draft.title, body: draft.body } } }).then((result) => result.data && onDone());
  return (
    <ActionForm className="stack-form" aria-label={`Edit your review of ${review.book.title}`} run={run} state={state} fields={reviewFields} submitLabel="Save review" onCancel={onDone}>
      <ReviewFields draft={draft} onChange={setDraft} error={state.error} />
    </ActionForm>
  );
}

function ReviewRow({ review }: { review: Review }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="review">
      <h2 className="review-title">
        <Link to={`/books/${review.book.id}`}>{review.book.title}</Link>
      </h2>
      {editing ? (
        <EditReview review={review} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p>
            <Stars rating={review.rating} /> {review.title && <strong>{review.title}</strong>}
          </p>
          {review.body && <p className="review-body">{review.body}</p>}
          <p className="review-meta">
            {formatDate(review.updatedAt)}
            {review.verifiedPurchase && <span className="verified"> · Verified purchase</span>}
          </p>
          <button type="button" className="button secondary small" onClick={() => setEditing(true)} aria-label={`Edit review of ${review.book.title}`}>
            Edit
          </button>{' '}
          <DeleteReviewButton reviewId={review.id} label={`Delete review of ${review.book.title}`} />
        </>
      )}
    </li>
  );
}

function MyReviews() {
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(MyReviewsQuery, { notifyOnNetworkStatusChange: true });
  if (!data && loading) return <Loading label="Loading your reviews…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const reviews = data?.me?.reviews;
  if (!reviews || reviews.edges.length === 0) return <Empty title="You have not reviewed a book yet" />;
  return (
    <>
      <ul className="review-list">
        {reviews.edges.map((edge) => (
          <ReviewRow key={edge.node.id} review={edge.node} />
        ))}
      </ul>
      <LoadMore pageInfo={reviews.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More reviews" />
    </>
  );
}

export default function MyReviewsPage() {
  return (
    <Page title="Your reviews" session>
      <MyReviews />
    </Page>
  );
}
