import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CatalogPageDocument } from '../gql/graphql';
import CatalogPage from './CatalogPage';

const book = (id: string, title: string) => ({
  __typename: 'Book' as const,
  id,
  title,
  coverUrl: null,
  stock: 3,
  price: { __typename: 'Money' as const, amount: '9.99', currency: 'USD' },
  authors: [{ __typename: 'Author' as const, id: `a-${id}`, name: 'Herman Melville' }],
  categories: [{ __typename: 'Category' as const, id: 'c1', name: 'Adventure' }],
  rating: { __typename: 'RatingSummary' as const, average: 4.5, count: 2 },
  availability: { __typename: 'Availability' as const, available: true, availableCopies: 1, totalCopies: 2 },
});

const page = (books: ReturnType<typeof book>[]) => ({
  books: {
    __typename: 'BookConnection' as const,
    totalCount: books.length,
    edges: books.map((node) => ({ __typename: 'BookEdge' as const, cursor: node.id, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: books.at(-1)?.id ?? null },
  },
  categories: [{ __typename: 'Category' as const, id: 'c1', name: 'Adventure' }],
});

function Location() {
  const location = useLocation();
  return <output aria-label="Address">{location.search}</output>;
}

describe('<CatalogPage>', () => {
  it('searches as you type, with the search in the URL', async () => {
    const mocks = [
      { request: { query: CatalogPageDocument, variables: { filter: {}, first: 12 } }, result: { data: page([book('1', 'Emma')]) } },
      { request: { query: CatalogPageDocument, variables: { filter: { search: 'whale' }, first: 12 } }, result: { data: page([book('2', 'Moby-Dick')]) } },
    ];
    render(
      <MemoryRouter>
        <MockedProvider mocks={mocks}>
          <>
            <CatalogPage />
            <Location />
          </>
        </MockedProvider>
      </MemoryRouter>,
    );
    expect(await screen.findByRole('link', { name: 'Emma' })).toBeTruthy();
    expect(screen.getByText('1 book')).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search books' }), 'whale');
    expect(await screen.findByRole('link', { name: 'Moby-Dick' })).toBeTruthy();
    expect(screen.getByText('1 book for “whale”')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Address' }).textContent).toBe('?q=whale');
    expect(screen.getByRole('button', { name: 'Add to cart: Moby-Dick' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Rated 4.5 out of 5 by 2 readers' })).toBeTruthy();
  });
});
