import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CheckOutBookDocument, DeskMemberDocument } from '../gql/graphql';
import { withApi } from '../testing/api';
import { DeskCheckOut } from './DeskCheckOut';

const M7 = '7e1a7c3e-0f54-4a39-9c1e-1b2a3c4d5e6f';
const NOBODY = '00000000-0000-4000-8000-000000000000';
const member = { __typename: 'User' as const, id: M7, username: 'ada', name: 'Ada L.' };

describe('<DeskCheckOut>', () => {
  it("says whose card number it is, lends the book, and shows the API's CONFLICT", async () => {
    const loan = {
      __typename: 'Loan' as const,
      id: 'l1',
      dueAt: '2026-12-19T10:00:00.000Z',
      borrower: { __typename: 'User' as const, id: M7, username: 'ada' },
      book: { __typename: 'Book' as const, id: 'b1', title: 'Dracula', availability: { __typename: 'Availability' as const, totalCopies: 1, availableCopies: 0, available: false, nextDueAt: '2026-12-19T10:00:00.000Z', holdsWaiting: 0 } },
    };
    const mocks = [
      { request: { query: DeskMemberDocument, variables: { id: M7 } }, result: { data: { user: member } } },
      { request: { query: DeskMemberDocument, variables: { id: NOBODY } }, result: { data: { user: null } } },
      { request: { query: CheckOutBookDocument, variables: { bookId: 'b1', memberId: M7 } }, result: { data: { checkOutBook: loan } } },
      { request: { query: CheckOutBookDocument, variables: { bookId: 'b1', memberId: M7 } }, result: { errors: [{ message: 'ada already has this book on loan.', extensions: { code: 'CONFLICT' } }] } },
    ];
    render(withApi(<DeskCheckOut bookId="b1" title="Dracula" />, { mocks, role: 'LIBRARIAN' }));
    const card = screen.getByRole('textbox', { name: "Member's card number" });
    await userEvent.type(card, 'nobody');
    expect(screen.getByText('Shown on the member’s account page.')).toBeTruthy();
    await userEvent.clear(card);
    await userEvent.type(card, NOBODY);
    expect(await screen.findByText('No member has this card number.')).toBeTruthy();
    await userEvent.clear(card);
    await userEvent.type(card, M7);
    expect(await screen.findByText('Lending to ada (Ada L.).')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check out' }));
    expect((await screen.findByText(/^Lent to ada/)).textContent).toBe('Lent to ada, due back 19 Dec 2026.');
    await userEvent.click(screen.getByRole('button', { name: 'Check out' }));
    expect((await screen.findByRole('alert')).textContent).toContain('ada already has this book on loan.');
  });
});
