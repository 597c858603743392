import { describeContractOnBothStacks, errorCode } from '@bookstore/testing';
import { expect, it } from 'vitest';
import { ADD_REVIEW, BOOK_RATING, BOOK_REVIEWS, bookRef, DELETE_REVIEW, UPDATE_REVIEW, USER_REVIEWS, userRef } from './testing/documents.js';
import { startReviews } from './testing/harness.js';

// Services mode (PostgreSQL, bullmq on Redis) and embedded mode (PGlite, in-process queues) run
// the same flow: the embedded adapters must behave the same for the same schema and migrations.
describeContractOnBothStacks('reviews', (kind) => startReviews(kind), (reviews, probes) => {
  it('reviews an announced book once per user, verifies purchases, and keeps the rating in step', async () => {
    const bookId = await reviews.book({ title: 'North and South' });
    const [buyer, reader] = [await reviews.caller(), await reviews.caller()];
    await reviews.deliver(buyer, [bookId]);

    const bought = await reviews.request(ADD_REVIEW, { input: { bookId, rating: 5, title: ' Superb ' } }, buyer);
    expect(bought.data?.addReview).toMatchObject({ rating: 5, title: 'Superb', verifiedPurchase: true, author: { id: buyer.id }, book: { id: bookId } });
    const reviewId = bought.data?.addReview.id;
    probes.push({ representation: { __typename: 'Review', id: reviewId }, expect: ['rating', 4] });
    expect(errorCode(await reviews.request(ADD_REVIEW, { input: { bookId, rating: 1 } }, buyer))).toBe('CONFLICT');
    expect(errorCode(await reviews.request(ADD_REVIEW, { input: { bookId, rating: 9 } }, reader))).toBe('BAD_USER_INPUT');

    const read = await reviews.request(ADD_REVIEW, { input: { bookId, rating: 2 } }, reader);
    expect(read.data?.addReview.verifiedPurchase).toBe(false);
    const rating = async () => (await reviews.request(BOOK_RATING, { r: [bookRef(bookId)] })).data?._entities[0].rating;
    expect(await rating()).toEqual({ average: 3.5, count: 2, distribution: [0, 1, 0, 0, 1] });

    expect(errorCode(await reviews.request(UPDATE_REVIEW, { id: reviewId, input: { rating: 1 } }, reader))).toBe('FORBIDDEN');
    expect((await reviews.request(UPDATE_REVIEW, { id: reviewId, input: { rating: 4 } }, buyer)).data?.updateReview.rating).toBe(4);
    expect((await reviews.request(DELETE_REVIEW, { id: read.data?.addReview.id }, reviews.admin)).data?.deleteReview).toBe(true);
    expect(await rating()).toEqual({ average: 4, count: 1, distribution: [0, 0, 0, 1, 0] });

    const listed = await reviews.request(BOOK_REVIEWS, { r: [bookRef(bookId)], first: 5 });
    expect(listed.data?._entities[0].reviews).toMatchObject({ totalCount: 1, edges: [{ node: { id: reviewId } }] });
    const byUser = await reviews.request(USER_REVIEWS, { r: [userRef(buyer.id)] });
    expect(byUser.data?._entities[0].reviews).toMatchObject({ totalCount: 1, edges: [{ node: { id: reviewId } }] });
  });
});
