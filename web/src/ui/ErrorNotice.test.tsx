import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ErrorNotice } from './ErrorNotice';

const show = (errors: Parameters<typeof ErrorNotice>[0]['errors']) =>
  render(
    <MemoryRouter initialEntries={['/checkout']}>
      <ErrorNotice errors={errors} />
    </MemoryRouter>,
  );

describe('<ErrorNotice>', () => {
  it('says when to try again after RATE_LIMITED', () => {
    show([{ code: 'RATE_LIMITED', message: 'Too many sign-in attempts.', retryAfter: 90 }]);
    expect(screen.getByRole('alert').textContent).toMatch(/Too many requests/);
    expect(screen.getByRole('alert').textContent).toContain('Try again in 1:30.');
  });

  it('shows the request id of an internal error so it can be quoted', () => {
    show([{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.', requestId: 'b7c1-42' }]);
    expect(screen.getByRole('alert').textContent).toContain('quote this reference to the shop: b7c1-42');
  });

  it('offers to sign in, and back, when UNAUTHENTICATED', () => {
    show([{ code: 'UNAUTHENTICATED', message: 'Sign in to place an order.' }]);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?next=%2Fcheckout');
  });

  it('shows nothing without errors', () => {
    show([]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
