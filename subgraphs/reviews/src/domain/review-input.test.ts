import { describe, expect, it } from 'vitest';
import { errorOf } from '@bookstore/testing';
import { validateNewReview, validateReviewChanges } from './review-input.js';

const BOOK = '0b8f6c1e-5a4d-4c3b-9a2e-1f0e9d8c7b6a';

describe('validateNewReview', () => {
  it('trims the texts, turns blank ones into null and lowercases the book id', () => {
    expect(validateNewReview({ bookId: BOOK.toUpperCase(), rating: 4, title: '  Lovely  ', body: '\n ' })).toEqual({ bookId: BOOK, rating: 4, title: 'Lovely', body: null });
    expect(validateNewReview({ bookId: BOOK, rating: 1 })).toEqual({ bookId: BOOK, rating: 1, title: null, body: null });
  });

  it('accepts 1 to 5 stars, a 200-character title and a 5000-character body', () => {
    expect(validateNewReview({ bookId: BOOK, rating: 5, title: 't'.repeat(200), body: 'b'.repeat(5000) })).toMatchObject({ rating: 5 });
    // Characters as a reader counts them: 200 emoji are 200 characters.
    expect(validateNewReview({ bookId: BOOK, rating: 3, title: '📚'.repeat(200) }).title).toHaveLength(400);
  });

  it.each<[string, Parameters<typeof validateNewReview>[0], string]>([
    ['0 stars', { bookId: BOOK, rating: 0 }, 'input.rating'],
    ['6 stars', { bookId: BOOK, rating: 6 }, 'input.rating'],
    ['half a star', { bookId: BOOK, rating: 3.5 }, 'input.rating'],
    ['a 201-character title', { bookId: BOOK, rating: 3, title: 't'.repeat(201) }, 'input.title'],
    ['a 5001-character body', { bookId: BOOK, rating: 3, body: 'b'.repeat(5001) }, 'input.body'],
    ['a malformed book id', { bookId: 'book-1', rating: 3 }, 'input.bookId'],
  ])('rejects %s, naming the field', (_case, input, field) => {
    const error = errorOf(() => validateNewReview(input));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error['message']).toContain(field);
  });
});

describe('validateReviewChanges', () => {
  it('keeps only the fields given; null or blank clears a title or body', () => {
    expect(validateReviewChanges({ rating: 2 })).toEqual({ rating: 2 });
    expect(validateReviewChanges({ title: null, body: '  New words ' })).toEqual({ title: null, body: 'New words' });
    expect(validateReviewChanges({ title: ' ' })).toEqual({ title: null });
  });

  it('needs at least one field', () => {
    expect(errorOf(() => validateReviewChanges({}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
  });

  it.each<[string, Parameters<typeof validateReviewChanges>[0], string]>([
    ['a null rating', { rating: null }, 'input.rating'],
    ['7 stars', { rating: 7, title: 'ok' }, 'input.rating'],
    ['a 201-character title', { title: 't'.repeat(201) }, 'input.title'],
    ['a 5001-character body', { body: 'b'.repeat(5001) }, 'input.body'],
  ])('rejects %s, naming the field', (_case, input, field) => {
    expect(errorOf(() => validateReviewChanges(input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
