import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import type { MyReviewsQuery as MyReviewsData } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField, TextAreaField, TextField } from '../ui/Field';
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

const DeleteReviewMutation = graphql(`
  mutation DeleteReview($id: ID!) {
    deleteReview(id: $id)
  }
`);

type Review = NonNullable<NonNullable<MyReviewsData['me']>['reviews']>['edges'][number]['node'];

function EditReview({ review, onDone }: { review: Review; onDone: () => void }) {
  const [rating, setRating] = useState(String(review.rating));
  const [title, setTitle] = useState(review.title ?? '');
  const [body, setBody] = useState(review.body ?? '');
  const [update, { loading, error }] = useMutation(UpdateReviewMutation);
  const errors = fieldErrors(error);
  return (
    <form
      className="stack-form"
      aria-label={`Edit your review of ${review.book.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        void update({ variables: { id: review.id, input: { rating: Number(rating), title, body } } })
          .then((result) => result.data && onDone())
          .catch(() => undefined);
      }}
    >
      <SelectField label="Rating" value={rating} onChange={(event) => setRating(event.target.value)} error={errors['rating']}>
        {[5, 4, 3, 2, 1].map((stars) => (
          <option key={stars} value={stars}>
            {stars} {stars === 1 ? 'star' : 'stars'}
          </option>
        ))}
      </SelectField>
      <TextField label="Title" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} error={errors['title']} />
      <TextAreaField label="Review" value={body} rows={4} maxLength={5000} onChange={(event) => setBody(event.target.value)} error={errors['body']} />
      <ErrorNotice errors={formLevelErrors(error, ['rating', 'title', 'body'])} />
      <button type="submit" className="button" disabled={loading}>
        Save review
      </button>{' '}
      <button type="button" className="button link" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function ReviewRow({ review }: { review: Review }) {
  const [editing, setEditing] = useState(false);
  const [remove, { loading, error }] = useMutation(DeleteReviewMutation, {
    update(cache, { data }) {
      if (data?.deleteReview) cache.evict({ id: cache.identify({ __typename: 'Review', id: review.id }) });
    },
  });
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
          <button type="button" className="button link" disabled={loading} onClick={() => void remove({ variables: { id: review.id } }).catch(() => undefined)} aria-label={`Delete review of ${review.book.title}`}>
            Delete
          </button>
          <ErrorNotice error={error} />
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
