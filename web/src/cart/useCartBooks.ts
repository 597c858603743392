import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { CartBookQuery } from '../gql/graphql';
import type { CartLine } from './cart';

const CartBookQuery = graphql(`
  query CartBook($id: ID!) {
    book(id: $id) {
      id
      title
      stock
      price {
        amount
        currency
      }
      ...BookCover_book
    }
  }
`);

export type CartBook = NonNullable<CartBookQuery['book']>;

export interface CartBooks {
  /** By book id: the catalogue's book, or null when it is no longer in the catalogue. */
  books: Map<string, CartBook | null>;
  loading: boolean;
  error: unknown;
}

/**
 * The catalogue's current title, price and stock of every book in the cart (the cart itself
 * keeps only ids and quantities). Books already in the cache from the catalogue cost no request.
 */
export function useCartBooks(lines: CartLine[]): CartBooks {
  const client = useApolloClient();
  const [state, setState] = useState<CartBooks>({ books: new Map(), loading: lines.length > 0, error: undefined });
  const ids = lines.map((line) => line.bookId).join(',');
  useEffect(() => {
    let current = true;
    const wanted = ids ? ids.split(',') : [];
    setState((previous) => ({ ...previous, loading: wanted.length > 0 }));
    Promise.all(wanted.map((id) => client.query({ query: CartBookQuery, variables: { id } }).then((result) => [id, result.data?.book ?? null] as const)))
      .then((entries) => current && setState({ books: new Map(entries), loading: false, error: undefined }))
      .catch((error: unknown) => current && setState((previous) => ({ ...previous, loading: false, error })));
    return () => {
      current = false;
    };
  }, [client, ids]);
  return state;
}
