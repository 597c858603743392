import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@bookstore/events';
import { createLogger } from '@bookstore/server-core';
import { defineSubgraph, type Database } from '@bookstore/subgraph-runtime';
import { outboxEvents, withTestbed, type TargetKind, type TestCaller as Caller, type TestSubgraph } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { booksTable, lendingCopiesTable, loansTable, outboxTable } from '../db/schema.js';
import type { LoanStatus } from '../domain/types.js';
import { buildLoans, defaultLoanRules, loansSubgraph, type LoanRules } from '../subgraph.js';

export type { Caller, TargetKind };

export interface LoansHarnessOptions {
  /** PostgreSQL with bullmq on Redis (services mode) or PGlite with in-process messaging (embedded mode). */
  kind: TargetKind;
  /** Changes to the default rules (14-day loans, 5 open loans, 2 renewals). */
  rules?: Partial<LoanRules>;
}

/**
 * A loans subgraph on a free port over a fresh database, consuming its queue as in production,
 * fed books the way the catalog feeds them.
 */
export interface LoansHarness extends TestSubgraph {
  librarian: Caller;
  admin: Caller;
  /** A new book announced by `book.changed`, once loans knows it; given `copies`, a LIBRARIAN sets them. Returns its id. */
  book(options?: { title?: string; copies?: number }): Promise<string>;
  /** The stored status of a loan. */
  statusOf(loanId: string): Promise<LoanStatus | undefined>;
  /** The `loan.due` events written for a loan, oldest first. */
  dueEvents(loanId: string): Promise<{ id: string; deliverAt: Date }[]>;
  /** The SQL statements on the loans and lending_copies tables that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /** The `library.update` notifications written for a member, oldest first: kind and hold or loan. */
  libraryUpdates(memberId: string): Promise<{ kind: string; holdId: string | null; loanId: string | null }[]>;
  /** The `hold.pickup_due` events written for a hold. */
  pickupEvents(holdId: string): Promise<{ id: string; deliverAt: Date }[]>;
  /** A book's stored copy counters. */
  copies(bookId: string): Promise<{ totalCopies: number; onLoan: number; setAside: number } | undefined>;
}

export const POLL = { timeout: 30_000, interval: 20 };

export async function startLoans({ kind, rules = {} }: LoansHarnessOptions): Promise<LoansHarness> {
  return withTestbed(kind, 'loans', createLogger('loans-test', 'silent'), async (bed) => {
    // The rules in milliseconds, so a test can run a loan for a second.
    const withRules = defineSubgraph({ ...loansSubgraph, build: ({ db, events, messaging }) => buildLoans({ db, events, pubsub: messaging.pubsub, rules: { ...defaultLoanRules, ...rules } }) });
    const loans = await bed.run(withRules);
    const librarian = await bed.sign('LIBRARIAN');
    return Object.assign(loans, {
      librarian,
      admin: await bed.sign('ADMIN'),
      async book({ title = `Book ${randomUUID().slice(0, 8)}`, copies }: { title?: string; copies?: number } = {}) {
        const bookId = randomUUID();
        const announced = await loans.publish('book.changed', { bookId, title, description: null, deleted: false });
        await loans.handled(announced.id);
        if (copies !== undefined) {
          const set = await loans.request('mutation($id: ID!, $n: Int!) { setLendingCopies(bookId: $id, copies: $n) { totalCopies } }', { id: bookId, n: copies }, librarian);
          expect(set.errors).toBeUndefined();
        }
        return bookId;
      },
      async statusOf(loanId: string) {
        const [row] = await loans.db.select({ status: loansTable.status }).from(loansTable).where(eq(loansTable.id, loanId));
        return row?.status;
      },
      dueEvents: async (loanId: string) => (await outboxEvents(loans.db, outboxTable, { loanId }, 'loan.due')).map(({ id, deliverAt }) => ({ id, deliverAt })),
      pickupEvents: async (holdId: string) => (await outboxEvents(loans.db, outboxTable, { holdId }, 'hold.pickup_due')).map(({ id, deliverAt }) => ({ id, deliverAt })),
      async libraryUpdates(memberId: string) {
        const events = await outboxEvents(loans.db, outboxTable, { memberId }, 'library.update');
        return events.map(({ payload }) => {
          const { kind, holdId, loanId } = payload as EventPayload<'library.update'>;
          return { kind, holdId, loanId };
        });
      },
      async copies(bookId: string) {
        const [row] = await loans.db
          .select({ totalCopies: lendingCopiesTable.totalCopies, onLoan: lendingCopiesTable.onLoan, setAside: lendingCopiesTable.setAside })
          .from(lendingCopiesTable)
          .where(eq(lendingCopiesTable.bookId, bookId));
        return row;
      },
      // Only the API's statements: the relay polls the outbox in the background.
      countQueries: (run: () => Promise<unknown>) => bed.queries.count(run, /"loans"\."(loans|lending_copies)"/),
    });
  });
}

/** Whether loans knows a book (its `book.changed` handled). */
export async function knownBook(db: Database, bookId: string): Promise<{ title: string; deleted: boolean } | undefined> {
  const [row] = await db.select({ title: booksTable.title, deleted: booksTable.deleted }).from(booksTable).where(eq(booksTable.id, bookId));
  return row;
}
