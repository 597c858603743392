import { randomUUID } from 'node:crypto';
import { encodeCursor, queryRows } from '@bookstore/subgraph-runtime';
import { expectNewestFirstListing, useHarness, walkPages, type GraphQLResponse } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ADD_REVIEW, BOOK_REVIEWS, bookRef, DELETE_REVIEW, REVIEW, REVIEW_ENTITY, REVIEWS, USER_REVIEWS, userRef, type ReviewPage } from './testing/documents.js';
import { startReviews, type Caller } from './testing/harness.js';

const reviews = useHarness(() => startReviews('postgres'));

async function review(caller: Caller, bookId: string, rating = 4): Promise<string> {
  const response = await reviews.request(ADD_REVIEW, { input: { bookId, rating } }, caller);
  expect(response.errors).toBeUndefined();
  return response.data?.addReview.id;
}

type Entities = GraphQLResponse<{ _entities: { id: string; reviews: ReviewPage }[] }>;

async function page(query: string, ref: Record<string, unknown>, variables: { first?: number; after?: string | null } = {}): Promise<ReviewPage> {
  const response: Entities = await reviews.request(query, { r: [ref], ...variables });
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!.reviews;
}

/** Every review id of a listing, following endCursor `first` at a time (walkPages checks every page on the way). */
async function walk(query: string, ref: Record<string, unknown>, first: number): Promise<string[]> {
  return (await walkPages(first, (after) => page(query, ref, { first, after }))).map((node) => node.id);
}

/** Shared data built by the first test that needs it: expect.poll (waiting for events) runs only inside tests. */
function fixture<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}

describe('Book.reviews', () => {
  const fiveReviews = fixture(async () => {
    const bookId = await reviews.book();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await review(await reviews.caller(), bookId, (i % 5) + 1));
    return { bookId, newestFirst: made.reverse() };
  });

  it('lists newest first, page by page, with the total', async () => {
    const { bookId, newestFirst } = await fiveReviews();
    expect(await walk(BOOK_REVIEWS, bookRef(bookId), 2)).toEqual(newestFirst);
    expect(await walk(BOOK_REVIEWS, bookRef(bookId), 1)).toEqual(newestFirst);
    const all = await page(BOOK_REVIEWS, bookRef(bookId));
    expect(all.totalCount).toBe(5);
    expect(all.edges.map((edge) => edge.node.id)).toEqual(newestFirst);
    expect(all.edges[0]?.node.book.id).toBe(bookId);
  });

  it('knows whether another page exists at the boundaries', async () => {
    const { bookId } = await fiveReviews();
    expect((await page(BOOK_REVIEWS, bookRef(bookId), { first: 4 })).pageInfo.hasNextPage).toBe(true);
    const exact = await page(BOOK_REVIEWS, bookRef(bookId), { first: 5 });
    expect(exact.pageInfo).toEqual({ hasNextPage: false, endCursor: exact.edges[4]?.cursor });
    const past = await page(BOOK_REVIEWS, bookRef(bookId), { first: 5, after: exact.pageInfo.endCursor });
    expect(past).toEqual({ totalCount: 5, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    expect(await page(BOOK_REVIEWS, bookRef(bookId), { first: 0 })).toEqual({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('breaks ties in createdAt by id, without skipping or repeating across pages', async () => {
    const tied = await reviews.book();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await review(await reviews.caller(), tied));
    await reviews.db.execute(sql`update reviews.reviews set created_at = '2026-01-01T00:00:00.000Z' where book_id = ${tied}`);
    expect(await walk(BOOK_REVIEWS, bookRef(tied), 1)).toEqual([...ids].sort().reverse());
  });

  it('is empty for books without reviews, unknown to reviews, or with ids that are not UUIDs', async () => {
    for (const id of [await reviews.book(), randomUUID(), 'book-1']) {
      expect(await page(BOOK_REVIEWS, bookRef(id))).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    }
  });

  it('rejects a bad page size or cursor, naming the argument', async () => {
    const { bookId } = await fiveReviews();
    const ask = (variables: Record<string, unknown>) => reviews.request(BOOK_REVIEWS, { r: [bookRef(bookId)], ...variables });
    expect((await ask({ first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await ask({ first: -1 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await ask({ after: 'nope' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await ask({ after: encodeCursor(['TITLE', 'x', randomUUID()]) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('User.reviews', () => {
  it('lists what a user wrote across books, newest first, to anyone', async () => {
    const author = await reviews.caller();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push(await review(author, await reviews.book(), 3));
    await review(await reviews.caller(), await reviews.book());
    expect(await walk(USER_REVIEWS, userRef(author.id), 2)).toEqual(made.reverse());
    const all = await page(USER_REVIEWS, userRef(author.id));
    expect(all.totalCount).toBe(3);
    expect(all.edges.every((edge) => edge.node.author.id === author.id)).toBe(true);
    expect(await page(USER_REVIEWS, userRef('user-1'))).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });
});

describe('batching', () => {
  const twentyBooks = fixture(async () => {
    const books = await Promise.all(Array.from({ length: 20 }, () => reviews.book()));
    const authors = await Promise.all(Array.from({ length: 4 }, () => reviews.caller()));
    // Book i gets i % 5 reviews, so pages are full, partial and empty.
    await Promise.all(books.flatMap((bookId, i) => authors.slice(0, i % 5).map((author, k) => review(author, bookId, ((i + k) % 5) + 1))));
    return books;
  });

  it('resolves 20 books with their rating and first 3 reviews in 2 statements', async () => {
    const books = await twentyBooks();
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Book {
      id rating { average count distribution }
      reviews(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id rating title verifiedPurchase createdAt author { id } book { id } } } }
    } } }`;
    let data: Record<string, any> | null | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    const statements = await reviews.countQueries(async () => {
      ({ data } = await reviews.request(query, { r: books.map(bookRef) }));
    });
    expect(statements).toBe(2);
    const entities = data?._entities as { id: string; rating: { count: number; distribution: number[] }; reviews: ReviewPage }[];
    expect(entities.map((book) => [book.rating.count, book.reviews.totalCount, book.reviews.edges.length, book.reviews.pageInfo.hasNextPage])).toEqual(
      books.map((_, i) => [i % 5, i % 5, Math.min(i % 5, 3), i % 5 > 3]),
    );
    expect(entities.every((book) => book.rating.distribution.reduce((a, b) => a + b, 0) === book.rating.count)).toBe(true);
  });

  it('pages several users in 2 statements and resolves many reviews in 1', async () => {
    const books = await twentyBooks();
    const response = await reviews.request(BOOK_REVIEWS, { r: books.slice(0, 5).map(bookRef), first: 10 });
    const reviewIds: string[] = response.data?._entities.flatMap((book: { reviews: ReviewPage }) => book.reviews.edges.map((edge) => edge.node.id));
    const authorIds = [...new Set<string>(response.data?._entities.flatMap((book: { reviews: ReviewPage }) => book.reviews.edges.map((edge) => edge.node.author.id)))];
    expect(reviewIds).toHaveLength(10);

    expect(await reviews.countQueries(() => reviews.request(USER_REVIEWS, { r: authorIds.map(userRef), first: 2 }))).toBe(2);
    let data: Record<string, any> | null | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    const statements = await reviews.countQueries(async () => {
      ({ data } = await reviews.request(REVIEW_ENTITY, { r: reviewIds.map((id) => ({ __typename: 'Review', id })) }));
    });
    expect(statements).toBe(1);
    expect(data?._entities.map((entity: { id: string }) => entity.id)).toEqual(reviewIds);
  });
});

describe('Query.review', () => {
  it('finds any review by id, to anyone; null once deleted or unknown, BAD_USER_INPUT when malformed', async () => {
    const author = await reviews.caller();
    const bookId = await reviews.book();
    const id = await review(author, bookId, 5);
    const found = await reviews.request(REVIEW, { id: id.toUpperCase() });
    expect(found.errors).toBeUndefined();
    expect(found.data?.review).toMatchObject({ id, rating: 5, book: { id: bookId }, author: { id: author.id } });
    expect((await reviews.request(REVIEW, { id: randomUUID() })).data).toEqual({ review: null });
    expect((await reviews.request(DELETE_REVIEW, { id }, author)).data).toEqual({ deleteReview: true });
    expect((await reviews.request(REVIEW, { id })).data).toEqual({ review: null });
    expect((await reviews.request(REVIEW, { id: 'review-1' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('Query.reviews', () => {
  type Reviews = GraphQLResponse<{ reviews: ReviewPage }>;
  async function everyReview(variables: { first?: number; after?: string | null } = {}): Promise<ReviewPage> {
    const response: Reviews = await reviews.request(REVIEWS, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.reviews;
  }
  const storedNewestFirst = async () =>
    (await queryRows<{ id: string }>(reviews.db, sql`select id from reviews.reviews order by created_at desc, id desc`)).map((row) => row.id);

  it('lists every review of every book, newest first, to anyone, with the total', async () => {
    const made: string[] = [];
    for (const bookId of [await reviews.book(), await reviews.book(), await reviews.book()]) made.push(await review(await reviews.caller(), bookId, 2));
    // Page by page across reviews of many books, some created in the same millisecond (ties by id).
    await expectNewestFirstListing(made, storedNewestFirst, 7, everyReview);
  });

  it('reads a page and its total in 2 statements', async () => {
    expect(await reviews.countQueries(() => reviews.request(REVIEWS, { first: 20 }))).toBe(2);
  });

  it('rejects a bad page size or cursor, naming the argument', async () => {
    expect((await reviews.request(REVIEWS, { first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await reviews.request(REVIEWS, { after: 'nope' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await reviews.request(REVIEWS, { after: encodeCursor(['TITLE', 'x', randomUUID()]) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
