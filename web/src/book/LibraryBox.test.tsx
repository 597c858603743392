import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../gql';
import { MyActiveHoldsDocument, PlaceHoldDocument } from '../gql/graphql';
import { AvailabilityFieldsFragment } from '../library/availability';
import { withApi } from '../testing/api';
import { LibraryBox, LibraryBoxFragment } from './LibraryBox';

const availability = (free: number, waiting: number) => ({ __typename: 'Availability' as const, totalCopies: 1, availableCopies: free, available: free > 0, nextDueAt: free > 0 ? null : '2026-12-20T10:00:00.000Z', holdsWaiting: waiting });
const bookData = (free: number, waiting: number) => ({ __typename: 'Book' as const, id: 'b1', title: 'Dracula', availability: availability(free, waiting) });
const book = (free: number, waiting: number) =>
  makeFragmentData({ __typename: 'Book', id: 'b1', title: 'Dracula', availability: makeFragmentData(availability(free, waiting), AvailabilityFieldsFragment) }, LibraryBoxFragment);

const hold = (status: 'WAITING' | 'READY', position: number | null) => ({
  __typename: 'Hold' as const,
  id: 'h1',
  status,
  position,
  placedAt: '2026-12-01T10:00:00.000Z',
  readyAt: status === 'READY' ? '2026-12-02T10:00:00.000Z' : null,
  pickupBy: status === 'READY' ? '2026-12-05T10:00:00.000Z' : null,
  book: { __typename: 'Book' as const, id: 'b1', title: 'Dracula' },
});

const connection = (holds: ReturnType<typeof hold>[]) => ({ __typename: 'HoldConnection' as const, edges: holds.map((node) => ({ __typename: 'HoldEdge' as const, node })) });
const activeHolds = (waiting: ReturnType<typeof hold>[], ready: ReturnType<typeof hold>[]) => ({
  request: { query: MyActiveHoldsDocument },
  result: { data: { me: { __typename: 'User' as const, id: 'u1', waiting: connection(waiting), ready: connection(ready) } } },
});

describe('<LibraryBox>', () => {
  it('with no copy free: says how many wait, places a hold and shows the member their place in the queue', async () => {
    const placed = { ...hold('WAITING', 3), book: bookData(0, 3) };
    const mocks = [activeHolds([], []), { request: { query: PlaceHoldDocument, variables: { bookId: 'b1' } }, result: { data: { placeHold: placed } } }, activeHolds([hold('WAITING', 3)], [])];
    render(withApi(<LibraryBox book={book(0, 2)} />, { mocks }));
    expect(screen.getByText('0 of 1 copy free')).toBeTruthy();
    expect(screen.getByText('2 members wait for a copy.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Borrow' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Place hold' }));
    expect((await screen.findByText(/You hold this book\./)).textContent).toBe('You hold this book. Number 3 in the queue.');
    expect(screen.getByRole('button', { name: 'Cancel hold: Dracula' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Place hold' })).toBeNull();
  });

  it('with a copy set aside for the member: says until when, and lets them borrow it though none is free for others', async () => {
    render(withApi(<LibraryBox book={book(0, 0)} />, { mocks: [activeHolds([], [hold('READY', null)])] }));
    expect((await screen.findByText(/A copy is set aside for you\./)).textContent).toMatch(/^A copy is set aside for you\. Ready to pick up by 5 Dec 2026/);
    expect(screen.getByRole('button', { name: 'Borrow' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel hold: Dracula' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Place hold' })).toBeNull();
  });

  it('with a copy free: offers to borrow it, not a hold', async () => {
    render(withApi(<LibraryBox book={book(1, 0)} />, { mocks: [activeHolds([], [])] }));
    expect(await screen.findByRole('button', { name: 'Borrow' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Place hold' })).toBeNull();
    expect(screen.queryByText(/wait/)).toBeNull();
  });
});
