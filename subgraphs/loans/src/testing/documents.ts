import { expect } from 'vitest';
import type { Caller, LoansHarness } from './harness.js';

const LOAN_FIELDS = 'id book { id } borrower { id } status borrowedAt dueAt returnedAt renewals';

export const BORROW = `mutation($bookId: ID!) { borrowBook(bookId: $bookId) { ${LOAN_FIELDS} } }`;
export const RETURN = `mutation($loanId: ID!) { returnBook(loanId: $loanId) { ${LOAN_FIELDS} } }`;
export const RENEW = `mutation($loanId: ID!) { renewLoan(loanId: $loanId) { ${LOAN_FIELDS} } }`;
export const SET_COPIES = 'mutation($bookId: ID!, $copies: Int!) { setLendingCopies(bookId: $bookId, copies: $copies) { totalCopies availableCopies available nextDueAt } }';
export const AVAILABILITY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { id availability { totalCopies availableCopies available nextDueAt } } } }';
export const LOANS = `query($status: LoanStatus, $first: Int, $after: String) {
  loans(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } } }
}`;
export const USER_LOANS = `query($r: [_Any!]!, $status: LoanStatus, $first: Int, $after: String) {
  _entities(representations: $r) { ... on User { id loans(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } }
}`;

export interface LoanView {
  id: string;
  book: { id: string };
  borrower: { id: string };
  status: string;
  borrowedAt: string;
  dueAt: string;
  returnedAt: string | null;
  renewals: number;
}

export interface AvailabilityView {
  totalCopies: number;
  availableCopies: number;
  available: boolean;
  nextDueAt: string | null;
}

/** borrowBook that must succeed. */
export async function borrow(loans: LoansHarness, caller: Caller, bookId: string): Promise<LoanView> {
  const response = await loans.request<{ borrowBook: LoanView }>(BORROW, { bookId }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.borrowBook;
}

export async function availabilityOf(loans: LoansHarness, bookId: string): Promise<AvailabilityView> {
  const response = await loans.request<{ _entities: { availability: AvailabilityView }[] }>(AVAILABILITY, { r: [{ __typename: 'Book', id: bookId }] });
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!.availability;
}

/** The error of a response that must have failed with `code`, and only that; its `field` too when given. */

const HOLD_FIELDS = 'id book { id } member { id } status position placedAt readyAt pickupBy';

export const PLACE_HOLD = `mutation($bookId: ID!) { placeHold(bookId: $bookId) { ${HOLD_FIELDS} } }`;
export const CANCEL_HOLD = `mutation($holdId: ID!) { cancelHold(holdId: $holdId) { ${HOLD_FIELDS} } }`;
export const CHECK_OUT = `mutation($bookId: ID!, $memberId: ID!) { checkOutBook(bookId: $bookId, memberId: $memberId) { ${LOAN_FIELDS} } }`;
export const HOLD = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Hold { ${HOLD_FIELDS} } } }`;
export const HOLDS = `query($bookId: ID, $status: HoldStatus, $first: Int, $after: String) {
  holds(bookId: $bookId, status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status position member { id } } } }
}`;
export const USER_HOLDS = `query($r: [_Any!]!, $status: HoldStatus) {
  _entities(representations: $r) { ... on User { id holds(status: $status) { totalCount edges { node { id status position } } } } }
}`;
export const HOLDS_WAITING = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { availability { availableCopies holdsWaiting } } } }';

export interface HoldView {
  id: string;
  book: { id: string };
  member: { id: string };
  status: string;
  position: number | null;
  placedAt: string;
  readyAt: string | null;
  pickupBy: string | null;
}

/** placeHold that must succeed. */
export async function placeHold(loans: LoansHarness, caller: Caller, bookId: string): Promise<HoldView> {
  const response = await loans.request<{ placeHold: HoldView }>(PLACE_HOLD, { bookId }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!.placeHold;
}

/** A hold as its member (or staff, as `caller`) sees it now. */
export async function holdOf(loans: LoansHarness, caller: Caller, holdId: string): Promise<HoldView> {
  const response = await loans.request<{ _entities: HoldView[] }>(HOLD, { r: [{ __typename: 'Hold', id: holdId }] }, caller);
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!;
}

/** A book's free copies and queue length. */
export async function queueOf(loans: LoansHarness, bookId: string): Promise<{ availableCopies: number; holdsWaiting: number }> {
  const response = await loans.request<{ _entities: { availability: { availableCopies: number; holdsWaiting: number } }[] }>(HOLDS_WAITING, { r: [{ __typename: 'Book', id: bookId }] });
  expect(response.errors).toBeUndefined();
  return response.data!._entities[0]!.availability;
}
