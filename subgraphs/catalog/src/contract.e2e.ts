import { describeContractOnBothStacks } from '@bookstore/testing';
import { expect, it } from 'vitest';
import { seedDemoCatalogue } from './subgraph.js';
import { startCatalog } from './testing/harness.js';

// The embedded adapter (PGlite) must behave like PostgreSQL for the same schema and migrations.
describeContractOnBothStacks('catalog', (kind) => startCatalog(kind), (catalog, probes) => {
  it('seeds the demo catalogue once', async () => {
    expect(await seedDemoCatalogue(catalog.db)).toEqual({ inserted: 92 });
    expect(await seedDemoCatalogue(catalog.db)).toEqual({ inserted: 0 });
    const { data } = await catalog.request('{ books { totalCount } categories { slug } }');
    expect(data?.books.totalCount).toBe(92);
    expect(data?.categories).toHaveLength(14);
    const first = await catalog.request('{ books(first: 1, sort: TITLE) { edges { node { id title authors { id name } categories { id slug } } } } }');
    const book = first.data?.books.edges[0].node;
    probes.push(
      // A book the catalog never had resolves to a stand-in, so orders of it still render.
      { representation: { __typename: 'Book', id: book.id }, expect: ['title', book.title], unknown: 'Unknown book' },
      { representation: { __typename: 'Author', id: book.authors[0].id }, expect: ['name', book.authors[0].name] },
      { representation: { __typename: 'Category', id: book.categories[0].id }, expect: ['slug', book.categories[0].slug] },
    );
  });

  it('ranks a search', async () => {
    const { data } = await catalog.request('query($s: String) { books(filter: { search: $s }) { edges { node { title } } } }', { s: 'pride' });
    expect(data?.books.edges[0].node.title).toBe('Pride and Prejudice');
  });

  it('creates, restocks and finds a book by its author', async () => {
    const created = await catalog.request(
      `mutation($input: CreateBookInput!) { createBook(input: $input) { id stock price { amount currency } authors { name } } }`,
      { input: { title: 'The Contract Test', authorNames: ['Ada Lovelace'], price: '3.5', stock: 1, isbn: '0-306-40615-2' } },
      'LIBRARIAN',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createBook).toMatchObject({ stock: 1, price: { amount: '3.50', currency: 'USD' }, authors: [{ name: 'Ada Lovelace' }] });

    const restocked = await catalog.request('mutation($id: ID!) { restock(bookId: $id, quantity: 4) { stock } }', { id: created.data?.createBook.id }, 'ADMIN');
    expect(restocked.data?.restock.stock).toBe(5);

    const found = await catalog.request('{ books(filter: { search: "lovelace" }) { edges { node { title stock } } } }');
    expect(found.data?.books.edges).toEqual([{ node: { title: 'The Contract Test', stock: 5 } }]);

    const duplicate = await catalog.request(
      `mutation($input: CreateBookInput!) { createBook(input: $input) { id } }`,
      { input: { title: 'Copy', authorNames: ['Someone'], price: '1.00', isbn: '0306406152' } },
      'LIBRARIAN',
    );
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
