import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SelectField, TextAreaField, TextField } from '../ui/Field';

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
  const [rating, setRating] = useState('5');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [add, { data, loading, error }] = useMutation(AddReviewMutation, { refetchQueries: ['BookPage'] });
  if (data) return <p role="status" className="success">Thank you: your review is published.</p>;
  const errors = fieldErrors(error);
  return (
    <form
      className="review-form"
      aria-label="Write a review"
      onSubmit={(event) => {
        event.preventDefault();
        void add({ variables: { input: { bookId, rating: Number(rating), title: title || null, body: body || null } } }).catch(() => undefined);
      }}
    >
      <h3>Write a review</h3>
      <SelectField label="Rating" value={rating} onChange={(event) => setRating(event.target.value)} error={errors['rating']}>
        {[5, 4, 3, 2, 1].map((stars) => (
          <option key={stars} value={stars}>
            {stars} {stars === 1 ? 'star' : 'stars'}
          </option>
        ))}
      </SelectField>
      <TextField label="Title" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} error={errors['title']} />
      <TextAreaField label="Review" value={body} maxLength={5000} rows={4} onChange={(event) => setBody(event.target.value)} error={errors['body']} />
      <ErrorNotice errors={formLevelErrors(error, ['rating', 'title', 'body'])} />
      <button type="submit" className="button" disabled={loading}>
        {loading ? 'Publishing…' : 'Publish review'}
      </button>
    </form>
  );
}
