// The operations the e2e suites send, as a client would write them.

import type { TestPage } from '@bookstore/testing';

export const REVIEW_FIELDS = 'id rating title body verifiedPurchase createdAt updatedAt book { id } author { id }';

export const ADD_REVIEW = `mutation($input: AddReviewInput!) { addReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const UPDATE_REVIEW = `mutation($id: ID!, $input: UpdateReviewInput!) { updateReview(id: $id, input: $input) { ${REVIEW_FIELDS} } }`;
export const DELETE_REVIEW = 'mutation($id: ID!) { deleteReview(id: $id) }';

export const REVIEW_ENTITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Review { ${REVIEW_FIELDS} } } }`;

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id rating author { id } book { id } } }';

export const BOOK_RATING = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { id rating { average count distribution } } } }';
export const BOOK_REVIEWS = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Book { id reviews(first: $first, after: $after) { ${PAGE} } } } }`;
export const USER_REVIEWS = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User { id reviews(first: $first, after: $after) { ${PAGE} } } } }`;

export const REVIEW = `query($id: ID!) { review(id: $id) { ${REVIEW_FIELDS} } }`;
export const REVIEWS = `query($first: Int, $after: String) { reviews(first: $first, after: $after) { ${PAGE} } }`;

export type ReviewPage = TestPage<{ id: string; rating: number; author: { id: string }; book: { id: string } }>;

export const bookRef = (id: string) => ({ __typename: 'Book', id });
export const userRef = (id: string) => ({ __typename: 'User', id });
