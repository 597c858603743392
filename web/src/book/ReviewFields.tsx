import { useState } from 'react';
import { fieldErrors } from '../client/errors';
import { SelectField, TextAreaField, TextField } from '../ui/Field';

export interface ReviewDraft {
  rating: string;
  title: string;
  body: string;
}

/** A review being written or edited, with the API's bounds (title 200, body 5,000 characters). */
export function useReviewDraft(initial: { rating?: number; title?: string | null; body?: string | null } = {}) {
  return useState<ReviewDraft>({ rating: String(initial.rating ?? 5), title: initial.title ?? '', body: initial.body ?? '' });
}

/** The fields a review form sends (their BAD_USER_INPUT messages show beside them). */
export const reviewFields = ['rating', 'title', 'body'];

/** Rating, title and text, each with the API's message beside it (the form shows the rest of the errors). */
export function ReviewFields({ draft, onChange, error }: { draft: ReviewDraft; onChange: (draft: ReviewDraft) => void; error: unknown }) {
  const errors = fieldErrors(error);
  return (
    <>
      <SelectField label="Rating" value={draft.rating} onChange={(event) => onChange({ ...draft, rating: event.target.value })} error={errors['rating']}>
        {[5, 4, 3, 2, 1].map((stars) => (
          <option key={stars} value={stars}>
            {stars} {stars === 1 ? 'star' : 'stars'}
          </option>
        ))}
      </SelectField>
      <TextField label="Title" value={draft.title} maxLength={200} onChange={(event) => onChange({ ...draft, title: event.target.value })} error={errors['title']} />
      <TextAreaField label="Review" value={draft.body} rows={4} maxLength={5000} onChange={(event) => onChange({ ...draft, body: event.target.value })} error={errors['body']} />
    </>
  );
}
