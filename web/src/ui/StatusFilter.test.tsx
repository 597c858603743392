import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { StatusFilter, useStatusParam } from './StatusFilter';

const options = [
  { value: undefined, label: 'All' },
  { value: 'READY' as const, label: 'Ready' },
];

function Shown() {
  const status = useStatusParam(options);
  const location = useLocation();
  return (
    <output aria-label="State">
      {status ?? 'all'} {location.search}
    </output>
  );
}

describe('<StatusFilter>', () => {
  it('keeps the status in the URL beside the other parameters, and ignores an unknown one', async () => {
    render(
      <MemoryRouter initialEntries={['/staff/loans?book=b1&status=BOGUS']}>
        <StatusFilter label="Holds by status" options={options} />
        <Shown />
      </MemoryRouter>,
    );
    const state = screen.getByRole('status', { name: 'State' });
    expect(state.textContent).toBe('all ?book=b1&status=BOGUS');
    await userEvent.click(screen.getByRole('link', { name: 'Ready' }));
    expect(state.textContent).toBe('READY ?book=b1&status=READY');
    expect(screen.getByRole('link', { name: 'Ready' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('link', { name: 'All' }));
    expect(state.textContent).toBe('all ?book=b1');
  });
});
