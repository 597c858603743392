import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../gql';
import { DeleteReviewButton } from '../book/DeleteReviewButton';
import { ReviewCard, ReviewCards, type ReviewCardReview } from '../book/ReviewCard';
import { BookLink } from '../ui/BookLink';
import { ReviewFields, reviewFields, useReviewDraft } from '../book/ReviewFields';
import { ActionForm } from '../ui/actions';
import { Page } from '../ui/Page';

const MyReviewsQuery = graphql(`
  query MyReviews($after: String) {
    me {
      id
      reviews(first: 20, after: $after) {
        ...ReviewCards_connection
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

type Review = ReviewCardReview;

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
  if (editing)
    return (
      <li className="review">
        <h2 className="review-title">
          <BookLink book={review.book} />
        </h2>
        <EditReview review={review} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="review">
      <ReviewCard review={review} date={review.updatedAt}>
        <button type="button" className="button secondary small" onClick={() => setEditing(true)} aria-label={`Edit review of ${review.book.title}`}>
          Edit
        </button>{' '}
        <DeleteReviewButton reviewId={review.id} label={`Delete review of ${review.book.title}`} />
      </ReviewCard>
    </li>
  );
}

function MyReviews() {
  const query = useQuery(MyReviewsQuery, { notifyOnNetworkStatusChange: true });
  return (
    <ReviewCards query={query} connection={query.data?.me?.reviews} loadingLabel="Loading your reviews…" empty="You have not reviewed a book yet">
      {(review) => <ReviewRow key={review.id} review={review} />}
    </ReviewCards>
  );
}

export default function MyReviewsPage() {
  return (
    <Page title="Your reviews" session>
      <MyReviews />
    </Page>
  );
}
