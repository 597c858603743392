import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PayOrderDocument } from '../gql/graphql';
import { PaymentForm } from './PaymentForm';

// The API's answers are given (Apollo's MockedProvider); the real ones are in web/test/journeys.e2e.ts.
function payAnswering(errors: { message: string; extensions: Record<string, unknown> }[]) {
  return [{ request: { query: PayOrderDocument, variables: () => true }, error: new CombinedGraphQLErrors({ data: null, errors }) }];
}

const withApi = (mocks: MockedProviderProps['mocks'], children: ReactNode) => (
  <MemoryRouter>
    <MockedProvider mocks={mocks}>{children}</MockedProvider>
  </MemoryRouter>
);

async function payWithCard(number: string) {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Card number' }), number);
  await user.type(screen.getByRole('textbox', { name: 'Expiry month' }), '1');
  await user.type(screen.getByRole('textbox', { name: 'Expiry year' }), '2020');
  await user.type(screen.getByRole('textbox', { name: 'Security code' }), '123');
  await user.click(screen.getByRole('button', { name: 'Pay now' }));
}

describe('<PaymentForm>', () => {
  it('counts down to the end of the payment window', () => {
    render(withApi([], <PaymentForm orderId="o1" total={{ amount: '12.50', currency: 'USD' }} dueAt={new Date(Date.now() + 125_000).toISOString()} />));
    expect(screen.getByRole('heading', { name: 'Pay $12.50' })).toBeTruthy();
    expect(screen.getByText(/Pay within/).textContent).toMatch(/Pay within 2:0[45]/);
  });

  it('shows an expired card beside the field the API names', async () => {
    render(withApi(payAnswering([{ message: 'input.card.expYear is in the past: the card has expired.', extensions: { code: 'BAD_USER_INPUT', field: 'input.card.expYear' } }]), <PaymentForm orderId="o1" total={null} dueAt={null} />));
    await payWithCard('4242 4242 4242 4242');
    const year = screen.getByRole('textbox', { name: 'Expiry year' });
    await screen.findByText('input.card.expYear is in the past: the card has expired.');
    expect(year.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(year.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toContain('the card has expired');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a declined card was declined', async () => {
    render(withApi(payAnswering([{ message: 'The card was declined.', extensions: { code: 'PAYMENT_DECLINED' } }]), <PaymentForm orderId="o1" total={null} dueAt={null} />));
    await payWithCard('4000 0000 0000 0002');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Payment declined');
    expect(alert.textContent).toContain('The card was declined.');
  });
});
