import { randomUUID } from 'node:crypto';
import { queryRows } from '@bookstore/subgraph-runtime';
import { errorCode } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_REVIEW, REVIEW_ENTITY, UPDATE_REVIEW } from './testing/documents.js';
import { startReviews, type Caller, type ReviewsHarness } from './testing/harness.js';

const POLL = { timeout: 10_000, interval: 20 };

let reviews: ReviewsHarness;

beforeAll(async () => {
  reviews = await startReviews('postgres');
});
afterAll(() => reviews?.stop());

async function review(caller: Caller, bookId: string, rating = 4) {
  const response = await reviews.request(ADD_REVIEW, { input: { bookId, rating } }, caller);
  expect(response.errors).toBeUndefined();
  return response.data?.addReview as { id: string; verifiedPurchase: boolean; updatedAt: string };
}

async function reviewById(id: string) {
  const { data } = await reviews.request(REVIEW_ENTITY, { r: [{ __typename: 'Review', id }] });
  return data?._entities[0];
}

const bookRow = async (bookId: string) => (await queryRows(reviews.db, sql`select title, deleted from reviews.books where book_id = ${bookId}`))[0];
const purchases = (customerId: string) => queryRows(reviews.db, sql`select book_id from reviews.purchases where customer_id = ${customerId} order by book_id`);

describe('book.changed', () => {
  it('keeps a local view of the catalog: new books take reviews, retitled ones stay reviewable', async () => {
    const bookId = randomUUID();
    expect(errorCode(await reviews.request(ADD_REVIEW, { input: { bookId, rating: 4 } }, await reviews.caller()))).toBe('NOT_FOUND');
    await reviews.book({ bookId, title: 'Persuasion' });
    await reviews.book({ bookId, title: 'Persuasion (annotated)' });
    expect(await bookRow(bookId)).toEqual({ title: 'Persuasion (annotated)', deleted: false });
    await review(await reviews.caller(), bookId);
  });

  it('refuses new reviews once the book is deleted, keeps the old ones, and never brings the book back', async () => {
    const bookId = await reviews.book({ title: 'Cranford' });
    const earlier = await review(await reviews.caller(), bookId, 5);
    await reviews.book({ bookId, title: 'Cranford', deleted: true });
    const response = await reviews.request(ADD_REVIEW, { input: { bookId, rating: 4 } }, await reviews.caller());
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe(`Book ${bookId} was not found.`);
    expect(await reviewById(earlier.id)).toMatchObject({ rating: 5 });

    // An older "changed" event delivered late (queues retry out of order) must not undelete it.
    await reviews.book({ bookId, title: 'Cranford', deleted: false });
    expect(await bookRow(bookId)).toEqual({ title: 'Cranford', deleted: true });
  });

  it('has no second effect when the same event is delivered again', async () => {
    const bookId = await reviews.book({ title: 'Lady Audley' });
    const deletion = await reviews.publish('book.changed', { bookId, title: 'Lady Audley', description: null, deleted: true });
    await reviews.handled(deletion.id);
    // The catalog's relay crashed before marking its row published: the same event, a new job.
    await reviews.book({ bookId, title: 'Lady Audley’s Secret' });
    const redelivery = randomUUID();
    await reviews.publish('book.changed', { bookId, title: 'Lady Audley', description: null, deleted: true }, { eventId: deletion.id, jobId: redelivery });
    await reviews.jobCompleted(redelivery);
    expect(await bookRow(bookId)).toEqual({ title: 'Lady Audley’s Secret', deleted: true });
  });
});

describe('verifiedPurchase', () => {
  it('is true for a review written after the book was delivered to its author, and only for them', async () => {
    const [bookId, otherBook] = [await reviews.book(), await reviews.book()];
    const buyer = await reviews.caller();
    await reviews.deliver(buyer, [bookId]);
    expect((await review(buyer, bookId)).verifiedPurchase).toBe(true);
    expect((await review(buyer, otherBook)).verifiedPurchase).toBe(false);
    expect((await review(await reviews.caller(), bookId)).verifiedPurchase).toBe(false);
  });

  it('turns true when the delivery arrives after the review, without touching updatedAt', async () => {
    const [bookId, alsoOrdered, notOrdered] = [await reviews.book(), await reviews.book(), await reviews.book()];
    const buyer = await reviews.caller();
    const stranger = await reviews.caller();
    const before = await review(buyer, bookId);
    const unrelated = await review(buyer, notOrdered);
    const strangers = await review(stranger, bookId);
    expect(before.verifiedPurchase).toBe(false);

    await reviews.deliver(buyer, [bookId, alsoOrdered, bookId]);
    expect(await reviewById(before.id)).toMatchObject({ verifiedPurchase: true, updatedAt: before.updatedAt });
    expect(await reviewById(unrelated.id)).toMatchObject({ verifiedPurchase: false });
    expect(await reviewById(strangers.id)).toMatchObject({ verifiedPurchase: false });
    // The second book of the order counts too, for a review written later.
    expect((await review(buyer, alsoOrdered)).verifiedPurchase).toBe(true);

    // Editing the review keeps it verified.
    const edited = await reviews.request(UPDATE_REVIEW, { id: before.id, input: { rating: 2 } }, buyer);
    expect(edited.data?.updateReview.verifiedPurchase).toBe(true);
  });

  it('has no second effect when order.delivered is delivered again or the book is ordered again', async () => {
    const bookId = await reviews.book();
    const buyer = await reviews.caller();
    const written = await review(buyer, bookId);
    const delivered = await reviews.deliver(buyer, [bookId]);
    const redelivery = randomUUID();
    await reviews.publish('order.delivered', delivered.payload, { eventId: delivered.id, jobId: redelivery });
    await reviews.jobCompleted(redelivery);
    await reviews.deliver(buyer, [bookId]);

    expect(await purchases(buyer.id)).toEqual([{ book_id: bookId }]);
    expect(await reviewById(written.id)).toMatchObject({ verifiedPurchase: true, updatedAt: written.updatedAt });
    const [handled] = await queryRows<{ count: number }>(reviews.db, sql`select count(*)::int as count from reviews.inbox where event_id = ${delivered.id}`);
    expect(handled?.count).toBe(1);
  });

  it('verifies every review when deliveries and reviews race', async () => {
    const buyer = await reviews.caller();
    const books = await Promise.all(Array.from({ length: 6 }, () => reviews.book()));
    const [written] = await Promise.all([
      Promise.all(books.map((bookId) => review(buyer, bookId))),
      ...books.map((bookId) => reviews.publish('order.delivered', { orderId: randomUUID(), customerId: buyer.id, bookIds: [bookId] })),
    ]);
    await expect.poll(async () => (await purchases(buyer.id)).length, POLL).toBe(6);
    for (const { id } of written) expect(await reviewById(id)).toMatchObject({ verifiedPurchase: true });
  });
});
