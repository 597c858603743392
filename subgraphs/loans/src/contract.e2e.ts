import { randomUUID } from 'node:crypto';
import { describeContractOnBothStacks, expectError } from '@bookstore/testing';
import { expect, it } from 'vitest';
import { seedDemoLendingCopies } from './subgraph.js';
import { availabilityOf, borrow, BORROW, queueOf, RETURN, USER_HOLDS } from './testing/documents.js';
import { knownBook, startLoans } from './testing/harness.js';

// Services mode (PostgreSQL, bullmq on Redis) and embedded mode (PGlite, in-process queues) run
// the same flow: the embedded adapters must behave the same for the same schema and migrations.
describeContractOnBothStacks('loans', (kind) => startLoans({ kind }), (loans, probes) => {
  // First in the file: seeding only fills a library with no lending copies yet.
  it('seeds the demo books with 1 to 3 copies each, and a queue, once', async () => {
    const books = ['Emma', 'Persuasion', 'Middlemarch', 'Dracula'].map((title) => ({ id: randomUUID(), title }));
    const [reader, borrower] = [await loans.caller(), await loans.caller()];
    expect(await seedDemoLendingCopies(loans.db, books, { reader: reader.id, borrower: borrower.id })).toEqual({ inserted: 4 });
    expect(await Promise.all(books.map(async (book) => (await availabilityOf(loans, book.id)).totalCopies))).toEqual([1, 2, 3, 1]);
    // Emma is out with the reader waiting for it; Dracula is set aside for the reader.
    expect(await queueOf(loans, books[0]!.id)).toEqual({ availableCopies: 0, holdsWaiting: 1 });
    expect(await queueOf(loans, books[3]!.id)).toEqual({ availableCopies: 0, holdsWaiting: 0 });
    const holds = await loans.request(USER_HOLDS, { r: [{ __typename: 'User', id: reader.id }] }, reader);
    expect(holds.data?._entities[0].holds.edges.map((edge: { node: { status: string } }) => edge.node.status).sort()).toEqual(['READY', 'WAITING']);
    const heldId = holds.data?._entities[0].holds.edges[0].node.id as string;
    probes.push({ representation: { __typename: 'Hold', id: heldId }, expect: ['id', heldId] });
    expect((await borrow(loans, reader, books[3]!.id)).status).toBe('ACTIVE');
    expect(await knownBook(loans.db, books[0]!.id)).toEqual({ title: 'Emma', deleted: false });

    expect(await seedDemoLendingCopies(loans.db, books)).toEqual({ inserted: 0 });
    const other = { id: randomUUID(), title: 'Ulysses' };
    expect(await seedDemoLendingCopies(loans.db, [other])).toEqual({ inserted: 0 });
    expect((await availabilityOf(loans, other.id)).totalCopies).toBe(0);
    expect(await knownBook(loans.db, other.id)).toBeUndefined();

    // A seeded book can be borrowed like any other.
    expect((await borrow(loans, await loans.caller(), books[1]!.id)).status).toBe('ACTIVE');
  });

  it('lends a copy of a book the catalog announced, and takes it back', async () => {
    const bookId = await loans.book({ title: 'Emma', copies: 1 });
    const reader = await loans.caller();
    const loan = await borrow(loans, reader, bookId);
    expect(loan).toMatchObject({ book: { id: bookId }, borrower: { id: reader.id }, status: 'ACTIVE', returnedAt: null, renewals: 0 });
    probes.push({ representation: { __typename: 'Loan', id: loan.id }, expect: ['id', loan.id] });
    expect(await availabilityOf(loans, bookId)).toEqual({ totalCopies: 1, availableCopies: 0, available: false, nextDueAt: loan.dueAt });

    expectError(await loans.request(BORROW, { bookId }, await loans.caller()), 'CONFLICT', { message: /No copy of "Emma" .* is free/, field: 'bookId' });

    const returned = await loans.request(RETURN, { loanId: loan.id }, reader);
    expect(returned.data?.returnBook).toMatchObject({ status: 'RETURNED', returnedAt: expect.any(String) });
    expect(await availabilityOf(loans, bookId)).toEqual({ totalCopies: 1, availableCopies: 1, available: true, nextDueAt: null });
  });
});
