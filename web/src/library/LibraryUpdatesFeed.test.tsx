import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MyLibraryUpdatesDocument } from '../gql/graphql';
import { withApi } from '../testing/api';
import LibraryUpdatesFeed from './LibraryUpdatesFeed';
import { libraryNotices, noticeText } from './notifications';

afterEach(() => libraryNotices.clear());

const update = {
  __typename: 'LibraryUpdate' as const,
  kind: 'HOLD_READY' as const,
  at: '2026-12-02T10:00:00.000Z',
  loan: null,
  hold: {
    __typename: 'Hold' as const,
    id: 'h1',
    status: 'READY' as const,
    position: null,
    placedAt: '2026-12-01T10:00:00.000Z',
    readyAt: '2026-12-02T10:00:00.000Z',
    pickupBy: '2026-12-05T10:00:00.000Z',
    book: { __typename: 'Book' as const, id: 'b1', title: 'Dracula' },
  },
};

describe('<LibraryUpdatesFeed>', () => {
  it('announces a notification from myLibraryUpdates in its status region, naming the book, until dismissed', async () => {
    render(withApi(<LibraryUpdatesFeed />, { mocks: [{ request: { query: MyLibraryUpdatesDocument }, result: { data: { myLibraryUpdates: update } } }] }));
    const region = screen.getByRole('status', { name: 'Library notifications' });
    expect(region.textContent).toBe('');
    expect((await screen.findByText(/is ready to pick up/)).textContent).toMatch(/^“Dracula” is ready to pick up by 5 Dec 2026/);
    expect(region.textContent).toContain('Dracula');
    expect(libraryNotices.current()).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(region.textContent).toBe('');
    // Dismissed from the banner, still listed on My holds.
    expect(libraryNotices.current()).toHaveLength(1);
  });
});

describe('noticeText', () => {
  it('says each kind in words with the book and its date', () => {
    const at = '2026-12-02T10:00:00.000Z';
    expect(noticeText({ kind: 'HOLD_EXPIRED', at, title: 'Emma' })).toBe('Your hold on “Emma” expired: it was not picked up in time.');
    expect(noticeText({ kind: 'LOAN_DUE_SOON', at, title: 'Emma', until: '2026-12-09T10:00:00.000Z' })).toBe('“Emma” is due back 9 Dec 2026.');
    expect(noticeText({ kind: 'LOAN_OVERDUE', at, title: 'Emma', until: '2026-12-01T10:00:00.000Z' })).toBe('“Emma” is overdue since 1 Dec 2026: please return it.');
  });
});
