import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { integer, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, sql, type Database, type DatabaseHandle } from '../src/db.js';
import { openTestTarget } from '../src/testing/index.js';
import { useHarness } from '@bookstore/testing-base';

// PostgreSQL ends a connection under an open transaction when its backend is terminated, an
// idle_in_transaction_session_timeout passes or the server restarts. postgres.js 3.4.9 would then
// send the transaction's next statement on the closed socket and kill the process with a TypeError
// thrown from a setImmediate (porsager/postgres#1208), or, once the pool had reconnected that
// connection for another query, run it outside any transaction (db-transactions.ts). Here the
// transaction fails with CONNECTION_CLOSED, nothing of it commits, nothing escapes to the
// process, and the database keeps serving on a new connection.
const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const thingsTable = pgSchema('kit_fixture').table('things', { id: serial('id').primaryKey(), name: text('name').notNull(), qty: integer('qty').notNull() });

/** Uncaught exceptions and unhandled rejections while a test runs: the process would have died of the first. */
function watchProcess() {
  const escaped: unknown[] = [];
  const record = (error: unknown) => escaped.push(error);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return {
    escaped,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    },
  };
}

/** The code of a driver error, through drizzle's DrizzleQueryError (`cause`). */
function codeOf(error: unknown): unknown {
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  while (current && current.code === undefined) current = current.cause as typeof current;
  return current?.code;
}

/** What a promise settles with: its value, or the error it rejects with. */
function outcome(promise: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(promise).then(
    (value) => value,
    (error: unknown) => error,
  );
}

/** A promise and its resolve, for the work to wait on what the test does in between. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('a transaction whose connection PostgreSQL closes (services mode)', () => {
  const fresh = useHarness(async () => {
    const { target, dispose } = await openTestTarget('postgres', 'killed_connection');
    return { target, stop: dispose };
  });
  let handle: DatabaseHandle;
  let db: Database;
  let admin: postgres.Sql;
  let watched: ReturnType<typeof watchProcess>;

  beforeAll(async () => {
    if (fresh.target.kind !== 'postgres') throw new Error('a PostgreSQL target');
    // One connection: the statements after each kill must reconnect the very connection whose
    // backend was terminated, the case where a statement could land outside the transaction.
    handle = await openDatabase({ schema: 'kit_fixture', target: { ...fresh.target, poolSize: 1 }, migrationsFolder });
    db = handle.db;
    admin = postgres(fresh.target.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await handle?.close();
    await admin?.end({ timeout: 5 });
  });
  beforeEach(() => {
    watched = watchProcess();
  });
  afterEach(() => watched.stop());

  const terminateOwnBackend = async (tx: Database) => {
    const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
    await admin`select pg_terminate_backend(${row?.pid ?? 0})`;
  };
  const names = async (prefix: string) => (await db.select({ name: thingsTable.name }).from(thingsTable).where(sql`${thingsTable.name} like ${`${prefix}%`}`)).map((row) => row.name).sort();

  it('fails as the connection closes while the work awaits something else, and sends the work\'s next statement nowhere', async () => {
    const resume = gate();
    let reportNext!: (outcome: unknown) => void;
    const next = new Promise<unknown>((resolve) => (reportNext = resolve));
    const transaction = outcome(db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: 'idle-before', qty: 1 });
      await terminateOwnBackend(tx);
      await resume.opened; // busy elsewhere (a Redis call, another service) as the connection closes
      reportNext(await outcome(tx.insert(thingsTable).values({ name: 'idle-after', qty: 1 })));
    }));
    // Fails as the connection closes, not when (or if) the work next touches the database: until
    // it has, the work's next statement would go to a connection without a socket.
    expect(codeOf(await transaction)).toBe('CONNECTION_CLOSED');
    resume.open();
    expect(codeOf(await next)).toBe('CONNECTION_CLOSED');
    // A round trip: a write postgres.js would have deferred to a setImmediate has run by its end.
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect(await names('idle-')).toEqual([]);
    expect(watched.escaped).toEqual([]);
  });

  it('sends no COMMIT when the work ends after the connection closed', async () => {
    const resume = gate();
    const transaction = outcome(db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: 'commit-before', qty: 1 });
      await terminateOwnBackend(tx);
      await resume.opened;
    }));
    expect(codeOf(await transaction)).toBe('CONNECTION_CLOSED');
    resume.open(); // the work ends; the transaction would COMMIT within the same tick
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect(await names('commit-')).toEqual([]);
    expect(watched.escaped).toEqual([]);
  });

  it('commits nothing of the work once another query has reconnected its connection', async () => {
    const killed = gate();
    const resume = gate();
    const transaction = outcome(db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: 'reconnected-before', qty: 1 });
      await terminateOwnBackend(tx);
      killed.open();
      await resume.opened;
      await tx.insert(thingsTable).values({ name: 'reconnected-after', qty: 1 });
    }));
    await killed.opened;
    // Waits for the pool's one connection: it runs once the close has freed and reconnected it.
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    resume.open();
    expect(codeOf(await transaction)).toBe('CONNECTION_CLOSED');
    expect(await names('reconnected-')).toEqual([]);
    expect(watched.escaped).toEqual([]);
  });

  it('fails inside a savepoint as it does outside one', async () => {
    const killed = gate();
    const resume = gate();
    const transaction = outcome(db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: 'savepoint-before', qty: 1 });
      await tx.transaction(async (savepoint) => {
        await savepoint.insert(thingsTable).values({ name: 'savepoint-inner', qty: 1 });
        await terminateOwnBackend(savepoint);
        killed.open();
        await resume.opened;
        await savepoint.update(thingsTable).set({ qty: 2 }).where(eq(thingsTable.name, 'savepoint-inner'));
      });
    }));
    await killed.opened;
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    resume.open();
    expect(codeOf(await transaction)).toBe('CONNECTION_CLOSED');
    expect(await names('savepoint-')).toEqual([]);
    expect(watched.escaped).toEqual([]);
  });

  it('fails with a statement in flight and one queued behind it, and the pool gets its connection back', async () => {
    const transaction = outcome(db.transaction(async (tx) => {
      const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      // The sleep's answer never comes; the insert waits in postgres.js behind it (a statement
      // with parameters that is not prepared yet is described first), and is never sent.
      const sleeping = tx.execute(sql`select pg_sleep(${600})`).then(() => 'slept');
      const queued = tx.insert(thingsTable).values({ name: 'inflight', qty: 1 }).then(() => 'inserted');
      // Awaited together: the statements' failures may come before the kill's answer.
      return Promise.all([sleeping, queued, admin`select pg_terminate_backend(${row?.pid ?? 0})`]);
    }));
    // CONNECTION_CLOSED, or the socket's ECONNRESET when the backend exits with bytes unread (the
    // sleep's Sync): then the transaction fails on that error, before the close, and sends nothing
    // more, a ROLLBACK included, which would leave the connection stuck in postgres.js.
    expect(['CONNECTION_CLOSED', 'ECONNRESET']).toContain(codeOf(await transaction));
    // postgres.js keeps the terminated backend's FATAL and fails the first query of the reconnected
    // connection with it (porsager/postgres#1223); the next is served.
    const first = await outcome(queryRows(db, sql`select 1 as one`));
    if (!Array.isArray(first)) expect(codeOf(first)).toBe('57P01');
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect(await names('inflight')).toEqual([]);
    expect(watched.escaped).toEqual([]);
  });

  it('serves transactions on the new connection afterwards', async () => {
    await db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: 'later-a', qty: 1 });
      await tx.insert(thingsTable).values({ name: 'later-b', qty: 1 });
    });
    expect(await names('later-')).toEqual(['later-a', 'later-b']);
    expect(watched.escaped).toEqual([]);
  });
});
