import { isCheckViolation } from '@bookstore/subgraph-runtime';
import { errorCode, expectError, gql } from '@bookstore/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalog, type CatalogHarness } from './testing/harness.js';

const BOOK_FIELDS = 'id isbn title description authors { id name } categories { id name slug } price { amount currency } stock publishedYear pageCount coverUrl createdAt';
const CREATE_BOOK = `mutation($input: CreateBookInput!) { createBook(input: $input) { ${BOOK_FIELDS} } }`;
const UPDATE_BOOK = `mutation($id: ID!, $input: UpdateBookInput!) { updateBook(id: $id, input: $input) { ${BOOK_FIELDS} } }`;
const DELETE_BOOK = 'mutation($id: ID!) { deleteBook(id: $id) }';
const RESTOCK = 'mutation($id: ID!, $quantity: Int!) { restock(bookId: $id, quantity: $quantity) { id stock } }';
const CREATE_CATEGORY = 'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id name slug } }';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let catalog: CatalogHarness;
let poetry: { id: string; name: string; slug: string };
let drama: { id: string; name: string; slug: string };

beforeAll(async () => {
  catalog = await startCatalog('postgres');
  poetry = (await catalog.request(CREATE_CATEGORY, { input: { name: 'Poetry' } }, 'ADMIN')).data?.createCategory;
  drama = (await catalog.request(CREATE_CATEGORY, { input: { name: 'Drama' } }, 'ADMIN')).data?.createCategory;
});
afterAll(() => catalog?.stop());

let isbnSerial = 0;
/** A fresh valid ISBN-13 (978 prefix) for each call. */
function nextIsbn(): string {
  const body = `978${String(++isbnSerial).padStart(9, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}


async function createBook(input: Record<string, unknown>) {
  const response = await catalog.request(CREATE_BOOK, { input: { price: '10.00', authorNames: ['Test Author'], ...input } }, 'LIBRARIAN');
  expect(response.errors).toBeUndefined();
  return response.data!.createBook;
}

describe('createBook', () => {
  it('creates a book with every field', async () => {
    const isbn = nextIsbn();
    const before = Date.now();
    const response = await catalog.request(
      CREATE_BOOK,
      {
        input: {
          title: '  Leaves of Grass ',
          authorNames: ['Walt Whitman', 'Ralph Waldo Emerson'],
          categoryIds: [poetry.id],
          price: '14.5',
          stock: 7,
          isbn: `${isbn.slice(0, 3)}-${isbn.slice(3, 8)} ${isbn.slice(8)}`,
          description: 'Poems celebrating the self and America.',
          publishedYear: 1855,
          pageCount: 312,
          coverUrl: 'https://covers.example/leaves.jpg',
        },
      },
      'LIBRARIAN',
    );
    expect(response.errors).toBeUndefined();
    const book = response.data?.createBook;
    expect(book).toMatchObject({
      isbn,
      title: 'Leaves of Grass',
      description: 'Poems celebrating the self and America.',
      authors: [{ name: 'Walt Whitman' }, { name: 'Ralph Waldo Emerson' }],
      categories: [poetry],
      price: { amount: '14.50', currency: 'USD' },
      stock: 7,
      publishedYear: 1855,
      pageCount: 312,
      coverUrl: 'https://covers.example/leaves.jpg',
    });
    expect(Date.parse(book.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    const { data } = await catalog.request('query($id: ID!) { book(id: $id) { title stock } }', { id: book.id });
    expect(data?.book).toEqual({ title: 'Leaves of Grass', stock: 7 });
  });

  it('lets an ADMIN create, with defaults for what is left out', async () => {
    const response = await catalog.request(CREATE_BOOK, { input: { title: 'Minimal', authorNames: ['Anonymous'], price: '1' } }, 'ADMIN');
    expect(response.errors).toBeUndefined();
    expect(response.data?.createBook).toMatchObject({ stock: 0, isbn: null, description: null, categories: [], publishedYear: null, pageCount: null, coverUrl: null });
  });

  it('reuses authors by case-insensitive name', async () => {
    const first = await createBook({ title: 'Frankenstein', authorNames: ['Mary Shelley'] });
    const second = await createBook({ title: 'The Last Man', authorNames: ['  mary SHELLEY', 'Mary Shelley'] });
    expect(second.authors).toEqual(first.authors);
    const { data } = await catalog.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Author { books { totalCount } } } }', {
      r: [{ __typename: 'Author', id: first.authors[0].id }],
    });
    expect(data?._entities[0].books.totalCount).toBe(2);
  });

  it('creates books at once that name the same new authors in different orders', async () => {
    // Each transaction inserts its new authors; in the order given, two of them would each hold
    // one name's index entry while waiting for the other's (a deadlock PostgreSQL ends by failing one).
    const names = Array.from({ length: 4 }, (_, i) => `Concurrent Author ${i}`);
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        catalog.request(CREATE_BOOK, { input: { title: `Together ${i}`, price: '5.00', authorNames: i % 2 ? [...names].reverse() : names } }, 'ADMIN'),
      ),
    );
    expect(responses.map((response) => response.errors)).toEqual(responses.map(() => undefined));
    const authorIds = responses.map((response) => response.data!.createBook.authors.map((author: { id: string }) => author.id));
    for (const ids of authorIds) expect(new Set(ids)).toEqual(new Set(authorIds[0]));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty title', { title: ' ' }, 'input.title'],
    ['a 301-character title', { title: 'T'.repeat(301) }, 'input.title'],
    ['no authors', { authorNames: [] }, 'input.authorNames'],
    ['eleven authors', { authorNames: Array.from({ length: 11 }, (_, i) => `Author ${i}`) }, 'input.authorNames'],
    ['an empty author name', { authorNames: [''] }, 'input.authorNames[0]'],
    ['a 201-character author name', { authorNames: ['A'.repeat(201)] }, 'input.authorNames[0]'],
    ['a malformed category id', { categoryIds: ['poetry'] }, 'input.categoryIds[0]'],
    ['an unknown category', { categoryIds: [UNKNOWN_ID] }, 'input.categoryIds'],
    ['a zero price', { price: '0' }, 'input.price'],
    ['a negative price', { price: '-5.00' }, 'input.price'],
    ['a price with three decimals', { price: '5.001' }, 'input.price'],
    ['a price that is not a number', { price: 'free' }, 'input.price'],
    ['a price a cent above the most a book may cost', { price: '1000000.01' }, 'input.price'],
    ['a price above the 32-bit limit', { price: '21474836.48' }, 'input.price'],
    ['a negative stock', { stock: -1 }, 'input.stock'],
    ['too much stock', { stock: 1_000_001 }, 'input.stock'],
    ['a bad ISBN checksum', { isbn: '978-0-14-143951-9' }, 'input.isbn'],
    ['an ISBN of the wrong length', { isbn: '12345' }, 'input.isbn'],
    ['a future year', { publishedYear: new Date().getUTCFullYear() + 1 }, 'input.publishedYear'],
    ['a year before -3000', { publishedYear: -3001 }, 'input.publishedYear'],
    ['zero pages', { pageCount: 0 }, 'input.pageCount'],
    ['too many pages', { pageCount: 100_001 }, 'input.pageCount'],
    ['a javascript: cover URL', { coverUrl: 'javascript:alert(1)' }, 'input.coverUrl'],
    ['a 2049-character cover URL', { coverUrl: `https://c.example/${'a'.repeat(2049 - 'https://c.example/'.length)}` }, 'input.coverUrl'],
    ['a 5001-character description', { description: 'd'.repeat(5001) }, 'input.description'],
  ])('rejects %s', async (_case, change, field) => {
    const response = await catalog.request(CREATE_BOOK, { input: { title: 'Rejected', authorNames: ['Nobody'], price: '5.00', ...change } }, 'ADMIN');
    expectError(response, 'BAD_USER_INPUT', { field: field });
    expect(response.errors?.[0]?.message).toContain(field);
  });

  it('takes the most a book may cost, and names that bound when a price is above it', async () => {
    const dearest = await createBook({ title: 'Dearest', price: '1000000.00' });
    expect(dearest.price).toEqual({ amount: '1000000.00', currency: 'USD' });
    const above = await catalog.request(CREATE_BOOK, { input: { title: 'Dearer', authorNames: ['X'], price: '1000000.01' } }, 'ADMIN');
    expect(above.errors?.[0]?.message).toBe('input.price must be at most 1000000.00.');
  });

  it('names the unknown category in the message', async () => {
    const response = await catalog.request(CREATE_BOOK, { input: { title: 'X', authorNames: ['Y'], price: '1', categoryIds: [poetry.id, UNKNOWN_ID] } }, 'ADMIN');
    expect(response.errors?.[0]?.message).toContain(UNKNOWN_ID);
  });

  it('leaves nothing behind when rejected', async () => {
    await catalog.request(CREATE_BOOK, { input: { title: 'Ghost', authorNames: ['Ghost Writer'], price: '1', categoryIds: [UNKNOWN_ID] } }, 'ADMIN');
    const { data } = await catalog.request('{ books(filter: { author: "Ghost Writer" }) { totalCount } authors(first: 100) { edges { node { name } } } }');
    expect(data?.books.totalCount).toBe(0);
    expect(data?.authors.edges.map((edge: { node: { name: string } }) => edge.node.name)).not.toContain('Ghost Writer');
  });

  it('rejects a second book with the same ISBN, however it is written', async () => {
    const isbn = nextIsbn();
    await createBook({ title: 'Original', isbn });
    const response = await catalog.request(CREATE_BOOK, { input: { title: 'Copy', authorNames: ['X'], price: '1', isbn: `${isbn.slice(0, 3)}-${isbn.slice(3)}` } }, 'LIBRARIAN');
    expectError(response, 'CONFLICT', { field: 'input.isbn' });
  });

  it('is for staff only', async () => {
    const input = { title: 'Nope', authorNames: ['X'], price: '1' };
    expectError(await catalog.request(CREATE_BOOK, { input }, 'CUSTOMER'), 'FORBIDDEN');
    expectError(await catalog.request(CREATE_BOOK, { input }), 'UNAUTHENTICATED');
    const forged = await gql(catalog.url, CREATE_BOOK, { input }, { token: `${catalog.tokens.ADMIN.slice(0, -4)}AAAA` });
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
  });
});

describe('updateBook', () => {
  it('changes only the given fields', async () => {
    const book = await createBook({ title: 'Draft', description: 'Old', pageCount: 10, stock: 2, categoryIds: [poetry.id] });
    const response = await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: 'Final', price: '12.00', description: null } }, 'LIBRARIAN');
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateBook).toMatchObject({
      id: book.id,
      title: 'Final',
      price: { amount: '12.00' },
      description: null,
      pageCount: 10,
      stock: 2,
      authors: book.authors,
      categories: [poetry],
      createdAt: book.createdAt,
    });
  });

  it('replaces authors and categories, and search follows the new authors', async () => {
    const book = await createBook({ title: 'Anthology', authorNames: ['Old Editor'], categoryIds: [poetry.id] });
    const response = await catalog.request(UPDATE_BOOK, { id: book.id, input: { authorNames: ['Quillon Marchbanks', 'Old Editor'], categoryIds: [drama.id] } }, 'ADMIN');
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateBook.authors.map((author: { name: string }) => author.name)).toEqual(['Quillon Marchbanks', 'Old Editor']);
    expect(response.data?.updateBook.categories).toEqual([drama]);
    const { data } = await catalog.request('{ books(filter: { search: "marchbanks" }) { edges { node { id } } } }');
    expect(data?.books.edges).toEqual([{ node: { id: book.id } }]);
  });

  it('shows fresh data when one operation changes a book twice', async () => {
    const book = await createBook({ title: 'Twice', authorNames: ['First Hand'] });
    const { data, errors } = await catalog.request(
      `mutation($id: ID!) {
        r: restock(bookId: $id, quantity: 1) { authors { name } }
        u: updateBook(id: $id, input: { authorNames: ["Second Hand"] }) { authors { name } }
      }`,
      { id: book.id },
      'ADMIN',
    );
    expect(errors).toBeUndefined();
    expect(data?.r.authors).toEqual([{ name: 'First Hand' }]);
    expect(data?.u.authors).toEqual([{ name: 'Second Hand' }]);
  });

  it('rejects bad input, a taken ISBN and unknown books', async () => {
    const taken = nextIsbn();
    await createBook({ title: 'Holder', isbn: taken });
    const book = await createBook({ title: 'Editable' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: '' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.title' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: null } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.title' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { price: '0.00' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.price' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { price: '1000000.01' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.price' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { categoryIds: [UNKNOWN_ID] } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.categoryIds' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { isbn: taken } }, 'ADMIN'), 'CONFLICT', { field: 'input.isbn' });
    expectError(await catalog.request(UPDATE_BOOK, { id: UNKNOWN_ID, input: { title: 'X' } }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(UPDATE_BOOK, { id: 'nope', input: { title: 'X' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'id' });
    const { data } = await catalog.request('query($id: ID!) { book(id: $id) { title isbn } }', { id: book.id });
    expect(data?.book).toEqual({ title: 'Editable', isbn: null });
  });

  it('is for staff only', async () => {
    const book = await createBook({ title: 'Guarded' });
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: 'Mine' } }, 'CUSTOMER'), 'FORBIDDEN');
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: 'Mine' } }), 'UNAUTHENTICATED');
  });
});

describe('deleteBook', () => {
  it('hides the book from book, books and Author.books, but keeps it for _entities', async () => {
    const isbn = nextIsbn();
    const book = await createBook({ title: 'Withdrawn', authorNames: ['Vanishing Author'], isbn });
    const deleted = await catalog.request(DELETE_BOOK, { id: book.id }, 'LIBRARIAN');
    expect(deleted).toMatchObject({ data: { deleteBook: true } });

    const { data } = await catalog.request(
      `query($id: ID!, $r: [_Any!]!) {
        book(id: $id) { id }
        books(filter: { author: "Vanishing Author" }) { totalCount edges { node { id } } }
        _entities(representations: $r) { ... on Book { id title } ... on Author { books { totalCount edges { node { id } } } } }
      }`,
      { id: book.id, r: [{ __typename: 'Book', id: book.id }, { __typename: 'Author', id: book.authors[0].id }] },
    );
    expect(data?.book).toBeNull();
    expect(data?.books).toEqual({ totalCount: 0, edges: [] });
    expect(data?._entities).toEqual([{ id: book.id, title: 'Withdrawn' }, { books: { totalCount: 0, edges: [] } }]);

    // Its ISBN is free again for a new edition.
    await createBook({ title: 'Withdrawn, reissued', isbn });
  });

  it('resolves a reference to a book it never had to a stand-in, never null, so old data still renders', async () => {
    const { data, errors } = await catalog.request(
      `query($id: ID!, $r: [_Any!]!) {
        book(id: $id) { id }
        _entities(representations: $r) { ... on Book { ${BOOK_FIELDS} } }
      }`,
      { id: UNKNOWN_ID, r: [{ __typename: 'Book', id: UNKNOWN_ID.toUpperCase() }, { __typename: 'Book', id: 'not-a-uuid' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.book).toBeNull();
    const standIn = {
      id: UNKNOWN_ID,
      isbn: null,
      title: 'Unknown book',
      description: null,
      authors: [],
      categories: [],
      price: { amount: '0.00', currency: 'USD' },
      stock: 0,
      publishedYear: null,
      pageCount: null,
      coverUrl: null,
      createdAt: '1970-01-01T00:00:00.000Z',
    };
    expect(data?._entities).toEqual([standIn, { ...standIn, id: 'not-a-uuid' }]);
  });

  it('answers NOT_FOUND for unknown or already deleted books, which cannot be changed either', async () => {
    const book = await createBook({ title: 'Short-lived' });
    await catalog.request(DELETE_BOOK, { id: book.id }, 'ADMIN');
    expectError(await catalog.request(DELETE_BOOK, { id: book.id }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(DELETE_BOOK, { id: UNKNOWN_ID }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(UPDATE_BOOK, { id: book.id, input: { title: 'Back' } }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: 1 }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(DELETE_BOOK, { id: 'x' }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'id' });
  });

  it('is for staff only', async () => {
    const book = await createBook({ title: 'Kept' });
    expectError(await catalog.request(DELETE_BOOK, { id: book.id }, 'CUSTOMER'), 'FORBIDDEN');
    expectError(await catalog.request(DELETE_BOOK, { id: book.id }), 'UNAUTHENTICATED');
    expect((await catalog.request('query($id: ID!) { book(id: $id) { id } }', { id: book.id })).data?.book).toEqual({ id: book.id });
  });
});

describe('restock', () => {
  it('adds to the stock atomically', async () => {
    const book = await createBook({ title: 'Popular', stock: 3 });
    const restocked = await catalog.request(RESTOCK, { id: book.id, quantity: 1_000_000 }, 'LIBRARIAN');
    expect(restocked.data?.restock).toEqual({ id: book.id, stock: 1_000_003 });
    await Promise.all(Array.from({ length: 10 }, () => catalog.request(RESTOCK, { id: book.id, quantity: 1 }, 'ADMIN')));
    const { data } = await catalog.request('query($id: ID!) { book(id: $id) { stock } }', { id: book.id });
    expect(data?.book.stock).toBe(1_000_013);
  });

  it('rejects bad quantities, unknown books and non-staff', async () => {
    const book = await createBook({ title: 'Steady', stock: 1 });
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: 0 }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'quantity' });
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: -3 }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'quantity' });
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: 1_000_001 }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'quantity' });
    expectError(await catalog.request(RESTOCK, { id: UNKNOWN_ID, quantity: 1 }, 'ADMIN'), 'NOT_FOUND');
    expectError(await catalog.request(RESTOCK, { id: 'nope', quantity: 1 }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'bookId' });
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: 1 }, 'CUSTOMER'), 'FORBIDDEN');
    expectError(await catalog.request(RESTOCK, { id: book.id, quantity: 1 }), 'UNAUTHENTICATED');
  });

  it('cannot take stock below zero, even bypassing the API', async () => {
    const book = await createBook({ title: 'Scarce', stock: 1 });
    const attempt = catalog.db.execute(sql`update catalog.books set stock = stock - 2 where id = ${book.id}`);
    const error = await attempt.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isCheckViolation(error, 'books_stock_non_negative')).toBe(true);
    const { data } = await catalog.request('query($id: ID!) { book(id: $id) { stock } }', { id: book.id });
    expect(data?.book.stock).toBe(1);
  });
});

describe('createCategory', () => {
  it('derives the slug from the name', async () => {
    const response = await catalog.request(CREATE_CATEGORY, { input: { name: " Children's Gothic Rom\u00e1nce " } }, 'LIBRARIAN');
    expect(response.data?.createCategory).toMatchObject({ name: "Children's Gothic Rom\u00e1nce", slug: 'childrens-gothic-romance' });
    const { data } = await catalog.request('{ categories { name } }');
    expect(data?.categories.map((category: { name: string }) => category.name)).toContain("Children's Gothic Rom\u00e1nce");
  });

  it('rejects a duplicate name or slug', async () => {
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: 'POETRY' } }, 'ADMIN'), 'CONFLICT', { field: 'input.name' });
    await catalog.request(CREATE_CATEGORY, { input: { name: 'Science Fiction' } }, 'ADMIN');
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: 'Science-Fiction!' } }, 'ADMIN'), 'CONFLICT', { field: 'input.name' });
  });

  it('rejects bad names and non-staff', async () => {
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: '  ' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.name' });
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: 'n'.repeat(101) } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.name' });
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: '\u{1F4DA}\u{1F4DA}' } }, 'ADMIN'), 'BAD_USER_INPUT', { field: 'input.name' });
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: 'Essays' } }, 'CUSTOMER'), 'FORBIDDEN');
    expectError(await catalog.request(CREATE_CATEGORY, { input: { name: 'Essays' } }), 'UNAUTHENTICATED');
  });
});

describe('search ranking', () => {
  it('puts a title match above an author match above a description-only match', async () => {
    const inDescription = await createBook({ title: 'Harbour Tales', description: 'A story about the Zanzibarine lighthouse keeper.' });
    const inTitle = await createBook({ title: 'The Zanzibarine', description: 'Sea stories.' });
    const byAuthor = await createBook({ title: 'Collected Letters', authorNames: ['Zanzibarine Smith'] });
    const { data } = await catalog.request('{ books(filter: { search: "zanzibarine" }) { totalCount edges { node { id } } } }');
    expect(data?.books.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([inTitle.id, byAuthor.id, inDescription.id]);
  });
});
