import { randomUUID } from 'node:crypto';
import { createLogger, defineSubgraph, runSubgraph, type Database, type EventEnvelope, type EventName, type EventPayload, type Role } from '@bookstore/kit';
import { deliverEvent, gql, openSubgraphTestbed, untilHandled, type GraphQLResponse, type TargetKind, type TestCaller as Caller } from '@bookstore/kit/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { booksTable, inboxTable, loansTable, outboxTable } from '../db/schema.js';
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
export interface LoansHarness {
  url: string;
  db: Database;
  librarian: Caller;
  admin: Caller;
  /** A new caller with a random UUID id; CUSTOMER unless `role` says otherwise. */
  caller(role?: Role): Promise<Caller>;
  /** A GraphQL request over HTTP, signed in as `caller` when given. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Puts an event on the loans queue as its producer's relay would; the job id is the event id. */
  publish<N extends EventName>(name: N, payload: EventPayload<N>, options?: { eventId?: string; occurredAt?: Date }): Promise<EventEnvelope<N>>;
  /** Resolves once the loans consumer has handled the event (its inbox holds it). */
  handled(eventId: string): Promise<void>;
  /** A new book announced by `book.changed`, once loans knows it; given `copies`, a LIBRARIAN sets them. Returns its id. */
  book(options?: { title?: string; copies?: number }): Promise<string>;
  /** The stored status of a loan. */
  statusOf(loanId: string): Promise<LoanStatus | undefined>;
  /** The `loan.due` events written for a loan, oldest first. */
  dueEvents(loanId: string): Promise<{ id: string; deliverAt: Date }[]>;
  /** The SQL statements on the loans and lending_copies tables that `run` causes. */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export const POLL = { timeout: 10_000, interval: 20 };

export async function startLoans({ kind, rules = {} }: LoansHarnessOptions): Promise<LoansHarness> {
  const logger = createLogger('loans-test', 'silent');
  const bed = await openSubgraphTestbed(kind, 'loans', logger);
  const { messaging, queries, sign } = bed;
  try {
    // The rules in milliseconds, so a test can run a loan for a second.
    const withRules = defineSubgraph({
      ...loansSubgraph,
      build: ({ db, events }) => buildLoans({ db, events, rules: { ...defaultLoanRules, ...rules } }),
    });
    const running = await runSubgraph(withRules, { ...bed.serverOptions, settings: {} });
    bed.defer(() => running.stop());
    const { db } = running;
    const librarian = await sign('LIBRARIAN');

    const harness: LoansHarness = {
      url: running.url,
      db,
      librarian,
      admin: await sign('ADMIN'),
      caller: (role = 'CUSTOMER') => sign(role),
      request: (query, variables = {}, caller) => gql(running.url, query, variables, caller ? { token: caller.token } : {}),
      async publish(name, payload, { eventId = randomUUID(), occurredAt = new Date() } = {}) {
        return deliverEvent(messaging.queue, 'loans', name, payload, { eventId, occurredAt, source: 'catalog' });
      },
      handled: (eventId) => untilHandled(db, inboxTable, 'loans', eventId),
      async book({ title = `Book ${randomUUID().slice(0, 8)}`, copies } = {}) {
        const bookId = randomUUID();
        const announced = await harness.publish('book.changed', { bookId, title, description: null, deleted: false });
        await harness.handled(announced.id);
        if (copies !== undefined) {
          const set = await harness.request('mutation($id: ID!, $n: Int!) { setLendingCopies(bookId: $id, copies: $n) { totalCopies } }', { id: bookId, n: copies }, librarian);
          expect(set.errors).toBeUndefined();
        }
        return bookId;
      },
      async statusOf(loanId) {
        const [row] = await db.select({ status: loansTable.status }).from(loansTable).where(eq(loansTable.id, loanId));
        return row?.status;
      },
      async dueEvents(loanId) {
        return db
          .select({ id: outboxTable.id, deliverAt: outboxTable.deliverAt })
          .from(outboxTable)
          .where(and(eq(outboxTable.name, 'loan.due'), sql`${outboxTable.payload}->>'loanId' = ${loanId}`))
          .orderBy(asc(outboxTable.deliverAt));
      },
      // Only the API's statements: the relay polls the outbox in the background.
      countQueries: (run) => queries.count(run, /"loans"\."(loans|lending_copies)"/),
      stop: bed.dispose,
    };
    return harness;
  } catch (error) {
    await bed.dispose();
    throw error;
  }
}

/** Whether loans knows a book (its `book.changed` handled). */
export async function knownBook(db: Database, bookId: string): Promise<{ title: string; deleted: boolean } | undefined> {
  const [row] = await db.select({ title: booksTable.title, deleted: booksTable.deleted }).from(booksTable).where(eq(booksTable.id, bookId));
  return row;
}
