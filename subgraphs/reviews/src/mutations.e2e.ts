import { randomUUID } from 'node:crypto';
import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode, expectError } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_REVIEW, BOOK_RATING, bookRef, DELETE_REVIEW, REVIEW_ENTITY, UPDATE_REVIEW } from './testing/documents.js';
import { startReviews, type Caller, type ReviewsHarness } from './testing/harness.js';

let reviews: ReviewsHarness;

beforeAll(async () => {
  reviews = await startReviews('postgres');
});
afterAll(() => reviews?.stop());

function add(caller: Caller | undefined, input: Record<string, unknown>) {
  return reviews.request(ADD_REVIEW, { input }, caller);
}

async function added(caller: Caller, bookId: string, rating = 4): Promise<string> {
  const response = await add(caller, { bookId, rating });
  expect(response.errors).toBeUndefined();
  return response.data?.addReview.id;
}


async function ratingOf(bookId: string) {
  const { data } = await reviews.request(BOOK_RATING, { r: [bookRef(bookId)] });
  return data?._entities[0].rating;
}

/** The stored totals next to the same totals computed from the reviews themselves. */
async function storedAndActualTotals(bookId: string) {
  const [stored] = await queryRows(reviews.db, sql`select count, sum, array[stars_1, stars_2, stars_3, stars_4, stars_5] as stars from reviews.book_ratings where book_id = ${bookId}`);
  const [actual] = await queryRows(
    reviews.db,
    sql`select count(*)::int as count, coalesce(sum(rating), 0)::int as sum,
          array[count(*) filter (where rating = 1), count(*) filter (where rating = 2), count(*) filter (where rating = 3),
                count(*) filter (where rating = 4), count(*) filter (where rating = 5)]::int[] as stars
        from reviews.reviews where book_id = ${bookId}`,
  );
  return { stored, actual };
}

async function reviewCount(where: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ count: number }>(reviews.db, sql`select count(*)::int as count from reviews.reviews where ${where}`);
  return row!.count;
}

describe('addReview', () => {
  it('stores a trimmed review by the signed-in user and counts it in the book rating', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    const response = await add(author, { bookId, rating: 5, title: '  Quietly devastating ', body: '   ' });
    expect(response.errors).toBeUndefined();
    const review = response.data?.addReview;
    expect(review).toMatchObject({ rating: 5, title: 'Quietly devastating', body: null, verifiedPurchase: false, book: { id: bookId }, author: { id: author.id } });
    expect(review.updatedAt).toBe(review.createdAt);
    expect(await ratingOf(bookId)).toEqual({ average: 5, count: 1, distribution: [0, 0, 0, 0, 1] });

    const { data } = await reviews.request(REVIEW_ENTITY, { r: [{ __typename: 'Review', id: review.id }] });
    expect(data?._entities).toEqual([review]);
  });

  it('takes 200 characters of title and 5000 of body', async () => {
    const bookId = await reviews.book();
    const response = await add(await reviews.caller(), { bookId, rating: 3, title: 't'.repeat(200), body: 'b'.repeat(5000) });
    expect(response.data?.addReview).toMatchObject({ title: 't'.repeat(200), body: 'b'.repeat(5000) });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['0 stars', { rating: 0 }, 'input.rating'],
    ['6 stars', { rating: 6 }, 'input.rating'],
    ['a 201-character title', { rating: 3, title: 't'.repeat(201) }, 'input.title'],
    ['a 5001-character body', { rating: 3, body: 'b'.repeat(5001) }, 'input.body'],
    ['a malformed book id', { rating: 3, bookId: 'book-1' }, 'input.bookId'],
  ])('rejects %s, naming the field and storing nothing', async (_case, input, field) => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    expectError(await add(author, { bookId, ...input }), 'BAD_USER_INPUT', { field: field });
    expect(await reviewCount(sql`author_id = ${author.id}`)).toBe(0);
    expect(await ratingOf(bookId)).toEqual({ average: null, count: 0, distribution: [0, 0, 0, 0, 0] });
  });

  it('answers NOT_FOUND, naming the book, for a book the catalog never announced or has deleted', async () => {
    const unknown = randomUUID();
    const response = await add(await reviews.caller(), { bookId: unknown, rating: 4 });
    expectError(response, 'NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe(`Book ${unknown} was not found.`);

    const deleted = await reviews.book({ deleted: true });
    const late = await add(await reviews.caller(), { bookId: deleted, rating: 4 });
    expectError(late, 'NOT_FOUND');
    expect(late.errors?.[0]?.message).toBe(`Book ${deleted} was not found.`);
  });

  it('needs a signed-in caller', async () => {
    const bookId = await reviews.book();
    expectError(await add(undefined, { bookId, rating: 4 }), 'UNAUTHENTICATED');
    expect(await reviewCount(sql`book_id = ${bookId}`)).toBe(0);
  });

  it('takes one review per user and book: a second is a CONFLICT on input.bookId', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    await added(author, bookId, 2);
    expectError(await add(author, { bookId, rating: 5 }), 'CONFLICT', { field: 'input.bookId' });
    expect(await ratingOf(bookId)).toEqual({ average: 2, count: 1, distribution: [0, 1, 0, 0, 0] });
  });

  it('keeps one review per user and book when the same user sends many at once', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => add(author, { bookId, rating: (i % 5) + 1 })));
    expect(responses.filter((response) => response.data?.addReview)).toHaveLength(1);
    expect(responses.filter((response) => errorCode(response) === 'CONFLICT')).toHaveLength(7);
    expect(await reviewCount(sql`book_id = ${bookId}`)).toBe(1);
    expect((await ratingOf(bookId)).count).toBe(1);
  });
});

describe('updateReview', () => {
  it('lets the author change the rating, title and body, moving the rating to its new bucket', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    const created = (await add(author, { bookId, rating: 2, title: 'Meh', body: 'Did not click.' })).data?.addReview;
    await added(await reviews.caller(), bookId, 4);

    const retitled = await reviews.request(UPDATE_REVIEW, { id: created.id, input: { title: '  Grew on me ' } }, author);
    expect(retitled.data?.updateReview).toMatchObject({ rating: 2, title: 'Grew on me', body: 'Did not click.', createdAt: created.createdAt });
    expect(Date.parse(retitled.data?.updateReview.updatedAt)).toBeGreaterThan(Date.parse(created.createdAt));
    expect(await ratingOf(bookId)).toEqual({ average: 3, count: 2, distribution: [0, 1, 0, 1, 0] });

    const rerated = await reviews.request(UPDATE_REVIEW, { id: created.id, input: { rating: 5, body: null } }, author);
    expect(rerated.data?.updateReview).toMatchObject({ rating: 5, title: 'Grew on me', body: null });
    expect(await ratingOf(bookId)).toEqual({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
  });

  it('is for the author only: another user or an ADMIN is FORBIDDEN, and nothing changes', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    const id = await added(author, bookId, 3);
    for (const caller of [await reviews.caller(), reviews.admin]) {
      expectError(await reviews.request(UPDATE_REVIEW, { id, input: { rating: 1 } }, caller), 'FORBIDDEN');
    }
    expectError(await reviews.request(UPDATE_REVIEW, { id, input: { rating: 1 } }), 'UNAUTHENTICATED');
    expect(await ratingOf(bookId)).toMatchObject({ average: 3, count: 1 });
  });

  it('rejects bad input and unknown reviews', async () => {
    const author = await reviews.caller();
    const id = await added(author, await reviews.book(), 3);
    const update = (input: Record<string, unknown>, reviewId = id) => reviews.request(UPDATE_REVIEW, { id: reviewId, input }, author);
    expectError(await update({}), 'BAD_USER_INPUT', { field: 'input' });
    expectError(await update({ rating: null }), 'BAD_USER_INPUT', { field: 'input.rating' });
    expectError(await update({ rating: 0 }), 'BAD_USER_INPUT', { field: 'input.rating' });
    expectError(await update({ title: 't'.repeat(201) }), 'BAD_USER_INPUT', { field: 'input.title' });
    expectError(await update({ body: 'b'.repeat(5001) }), 'BAD_USER_INPUT', { field: 'input.body' });
    expectError(await update({ rating: 4 }, 'review-1'), 'BAD_USER_INPUT', { field: 'id' });
    const unknown = await update({ rating: 4 }, randomUUID());
    expectError(unknown, 'NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toMatch(/^Review [0-9a-f-]{36} was not found\.$/);
  });
});

describe('deleteReview', () => {
  it('lets the author, an ADMIN or a LIBRARIAN (moderation) delete a review, and takes it out of the rating', async () => {
    const bookId = await reviews.book();
    const [first, second, third, fourth] = [await reviews.caller(), await reviews.caller(), await reviews.caller(), await reviews.caller()];
    const byAuthor = await added(first, bookId, 1);
    const byAdmin = await added(second, bookId, 5);
    const byLibrarian = await added(third, bookId, 2);
    await added(fourth, bookId, 4);

    expect((await reviews.request(DELETE_REVIEW, { id: byAuthor }, first)).data).toEqual({ deleteReview: true });
    expect((await reviews.request(DELETE_REVIEW, { id: byAdmin }, reviews.admin)).data).toEqual({ deleteReview: true });
    expect((await reviews.request(DELETE_REVIEW, { id: byLibrarian }, await reviews.caller('LIBRARIAN'))).data).toEqual({ deleteReview: true });
    expect(await ratingOf(bookId)).toEqual({ average: 4, count: 1, distribution: [0, 0, 0, 1, 0] });
    const { data } = await reviews.request(REVIEW_ENTITY, { r: [{ __typename: 'Review', id: byAuthor }] });
    expect(data?._entities).toEqual([null]);
    // Deleted, the user may review the book again.
    await added(first, bookId, 2);
  });

  it('is FORBIDDEN to another customer, UNAUTHENTICATED signed out, and NOT_FOUND once gone', async () => {
    const bookId = await reviews.book();
    const author = await reviews.caller();
    const id = await added(author, bookId, 3);
    expectError(await reviews.request(DELETE_REVIEW, { id }, await reviews.caller()), 'FORBIDDEN');
    expectError(await reviews.request(DELETE_REVIEW, { id }), 'UNAUTHENTICATED');
    expect(await reviewCount(sql`id = ${id}`)).toBe(1);

    const deletions = await Promise.all([reviews.request(DELETE_REVIEW, { id }, author), reviews.request(DELETE_REVIEW, { id }, reviews.admin)]);
    expect(deletions.filter((response) => response.data?.deleteReview === true)).toHaveLength(1);
    expect(deletions.filter((response) => errorCode(response) === 'NOT_FOUND')).toHaveLength(1);
    expect(await ratingOf(bookId)).toEqual({ average: null, count: 0, distribution: [0, 0, 0, 0, 0] });
    expectError(await reviews.request(DELETE_REVIEW, { id: 'review-1' }, author), 'BAD_USER_INPUT', { field: 'id' });
  });
});

describe('Book.rating under concurrent writes', () => {
  it('counts 30 reviews added at once by 30 users exactly', async () => {
    const bookId = await reviews.book();
    const authors = await Promise.all(Array.from({ length: 30 }, () => reviews.caller()));
    const responses = await Promise.all(authors.map((author, i) => add(author, { bookId, rating: (i % 5) + 1 })));
    expect(responses.every((response) => response.data?.addReview)).toBe(true);
    expect(await ratingOf(bookId)).toEqual({ average: 3, count: 30, distribution: [6, 6, 6, 6, 6] });
    const { stored, actual } = await storedAndActualTotals(bookId);
    expect(stored).toEqual({ count: 30, sum: 90, stars: [6, 6, 6, 6, 6] });
    expect(stored).toEqual(actual);
  });

  it('stays exact while reviews are added, changed and deleted at once', async () => {
    const bookId = await reviews.book();
    const authors = await Promise.all(Array.from({ length: 24 }, () => reviews.caller()));
    const ids = await Promise.all(authors.slice(0, 16).map((author, i) => added(author, bookId, (i % 5) + 1)));

    await Promise.all([
      // 8 new reviews, 8 ratings changed (some twice at once), 4 deletions by the authors and 4 by an ADMIN.
      ...authors.slice(16).map((author, i) => add(author, { bookId, rating: 5 - (i % 5) })),
      ...ids.slice(0, 8).map((id, i) => reviews.request(UPDATE_REVIEW, { id, input: { rating: ((i + 2) % 5) + 1 } }, authors[i])),
      ...ids.slice(0, 4).map((id, i) => reviews.request(UPDATE_REVIEW, { id, input: { rating: 5 } }, authors[i])),
      ...ids.slice(8, 12).map((id, i) => reviews.request(DELETE_REVIEW, { id }, authors[8 + i])),
      ...ids.slice(12, 16).map((id) => reviews.request(DELETE_REVIEW, { id }, reviews.admin)),
    ]);

    const { stored, actual } = await storedAndActualTotals(bookId);
    expect(actual).toMatchObject({ count: 16 });
    expect(stored).toEqual(actual);
    const { count, sum, stars } = actual as { count: number; sum: number; stars: number[] };
    expect(await ratingOf(bookId)).toEqual({ average: Math.round((sum * 100) / count) / 100, count, distribution: stars });
  });
});
