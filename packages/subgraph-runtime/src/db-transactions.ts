import type { PendingQuery, ReservedSql, Sql, TransactionSql } from 'postgres';
import type { Database } from './db.js';

/**
 * Transactions whose BEGIN and SAVEPOINT travel with the statements after them instead of costing
 * a round trip each.
 *
 * postgres.js's `begin` sends BEGIN and waits for its answer before the work's first statement
 * (and a savepoint likewise waits for SAVEPOINT): every transaction of the order saga paid one
 * round trip more than its statements, the catalog's reservation two, and each round trip is a
 * socket write and a wake-up on both sides. Here the transaction takes a connection of its own
 * (`reserve`), sends BEGIN without waiting, and the work's first statements follow it in the same
 * write; PostgreSQL runs a connection's statements in the order sent.
 *
 * The same goes for the work's last writes, whose answers it does not need (`checkedAtCommit`):
 * COMMIT follows them in the same write instead of a round trip after their answers.
 *
 * What is not waited for is still checked: COMMIT succeeds only if every such statement did, or
 * the transaction fails with the first one's error (PostgreSQL answers the COMMIT of a transaction
 * a statement failed in with ROLLBACK, not with an error, so that answer alone would not tell). A
 * statement failing because one of these failed before it reports that first failure, as
 * postgres.js does. BEGIN on an idle connection fails only when the connection does, and then so
 * does everything queued behind it, so no statement of the work can run outside the transaction.
 *
 * A connection that ends under the transaction (its backend terminated, an
 * idle_in_transaction_session_timeout, a server restart) fails it at once, with postgres.js's
 * CONNECTION_CLOSED or the socket's error, even while the work awaits something else, and nothing
 * more is sent on it (ConnectionWatch).
 *
 * Replaces `client.begin` (options, such as an isolation level, are not supported: no caller uses
 * them); install it before other wrappers of `begin` (aroundStatements), which then wrap this one.
 */
export function pipelineTransactions(client: Sql): void {
  client.begin = (async (...args: unknown[]) => {
    if (args.length !== 1 || typeof args[0] !== 'function') throw new TypeError('begin(work) takes the work alone: transaction options are not supported');
    const connection = await client.reserve();
    const watch = new ConnectionWatch();
    try {
      // The work may be awaiting something other than the database when the connection ends: the
      // transaction fails then, as postgres.js's own begin does, rather than when (or if) the
      // work's next statement fails.
      return await Promise.race([runTransaction(connection, watch, args[0] as (sql: TransactionSql) => unknown), watch.lost]);
    } finally {
      watch.stop();
      // A closed connection is back with the pool already, among those it reconnects (or will be,
      // once the socket that failed has closed); released, it would be handed out as open.
      if (!watch.ended) connection.release();
    }
  }) as typeof client.begin;
}

type Unsafe = (query: string, parameters?: unknown[], options?: Record<string, unknown>) => PendingQuery<never>;

async function runTransaction(connection: ReservedSql, watch: ConnectionWatch, work: (sql: TransactionSql) => unknown): Promise<unknown> {
  const send = connection.unsafe.bind(connection) as unknown as Unsafe;
  const unsafe: Unsafe = (query, parameters, options) => watch.guard(send(query, parameters, options));
  // Every statement of the work too (drizzle sends them all with `unsafe`), and the wrappers that
  // aroundStatements puts around the work's `unsafe` (statement preparation, tracing) wrap this one.
  connection.unsafe = unsafe as unknown as ReservedSql['unsafe'];

  /** Statements sent without waiting for their answer (BEGIN, SAVEPOINT, those checked at COMMIT). */
  const unawaited: Promise<unknown>[] = [];
  const sendUnawaited = (text: string, options?: Record<string, unknown>) => {
    const query = unsafe(text, [], options).execute();
    query.catch(() => {}); // awaited before COMMIT or reported by `firstFailure`
    unawaited.push(query);
  };
  /** The earliest of the unawaited statements' failures, if any, else `error`. */
  const firstFailure = async (error: unknown): Promise<unknown> => {
    for (const result of await Promise.allSettled(unawaited)) if (result.status === 'rejected') return result.reason as unknown;
    return error;
  };

  // As postgres.js's: a savepoint that succeeded is not released, it ends with the transaction.
  let savepoints = 0;
  let inSavepoints = 0;
  const tx = connection as unknown as TransactionSql & Partial<CommitChecks>;
  tx.savepoint = (async (fn: (sql: TransactionSql) => unknown) => {
    const name = `s${++savepoints}`;
    sendUnawaited(`savepoint ${name}`);
    inSavepoints++;
    try {
      return await fn(tx);
    } catch (error) {
      if (!watch.ended) await unsafe(`rollback to savepoint ${name}`);
      throw error;
    } finally {
      inSavepoints--;
    }
  }) as TransactionSql['savepoint'];
  tx[checkAtCommit] = (statement) => {
    // Inside a savepoint its failure must fail the savepoint's work, which a rollback to it undoes.
    if (inSavepoints > 0) return statement.then(() => {});
    statement.catch(() => {}); // reported by `firstFailure`
    unawaited.push(statement);
    return Promise.resolve();
  };

  sendUnawaited('begin', { onexecute: watch.onexecute });
  // Once COMMIT is sent the transaction ends whatever it answers: there is nothing to roll back.
  let ended = false;
  try {
    const result = await work(tx);
    watch.assertWatching();
    const commit = unsafe('commit').execute();
    ended = true;
    commit.catch(() => {}); // awaited below, once the statements before it are known to have succeeded
    const failure = await firstFailure(undefined);
    if (failure !== undefined) throw failure;
    const { command } = await commit;
    if (command !== 'COMMIT') throw new Error(`PostgreSQL answered COMMIT with ${command}: a statement of the transaction failed unseen`);
    return result;
  } catch (error) {
    const reported = await firstFailure(error);
    // The server rolls back the transaction of a connection that ends.
    if (!ended && !watch.ended) await unsafe('rollback').catch(() => {}); // the work's error is the one to report
    throw reported;
  }
}

/** Set on a pipelined transaction's connection (runTransaction): takes a statement it sent whose answer is checked at COMMIT. */
const checkAtCommit = Symbol('checkAtCommit');

interface CommitChecks {
  [checkAtCommit](statement: Promise<unknown>): Promise<void>;
}

/**
 * Lets transaction `tx` check a write it has already sent (`statement`) when it commits, instead of
 * the work waiting for its answer now: for the work's last writes, whose results nothing in it
 * needs (a history entry, the outbox rows), so COMMIT goes to PostgreSQL in the same write as they
 * do, a round trip less per transaction. Its failure fails the transaction at COMMIT with its
 * error, and every statement after it fails too (the transaction is aborted). Awaited as before
 * inside a savepoint, and where transactions are not pipelined (PGlite, whose statements run in
 * this process one at a time). Await what it returns, and only in `tx`'s own work.
 */
export function checkedAtCommit(tx: Database, statement: Promise<unknown>): Promise<void> {
  // drizzle's transaction keeps the driver's transaction (postgres.js: the reserved connection
  // runTransaction sets up) as its session's `client` (internal to drizzle, as db-statements uses it).
  const client = (tx._.session as unknown as { client?: Partial<CommitChecks> }).client;
  const check = client?.[checkAtCommit];
  return check ? check.call(client, statement) : statement.then(() => {});
}

/** What ConnectionWatch uses of postgres.js's connection object (src/connection.js, internal). */
interface DriverConnection {
  /** Called once by the pool when the connection closes (src/index.js `onclose`); postgres.js's own `begin` sets it too. */
  onclose: ((error: Error) => void) | null;
}

/** What ConnectionWatch uses of a postgres.js query (src/query.js, internal). */
interface DriverQuery {
  /** Sends the query on its connection, when it is first awaited (a tick later). */
  handler: ((query: unknown) => void) & { debug?: unknown };
  /** How postgres.js fails the query (its own error, or the socket's). */
  reject(error: unknown): void;
}

/**
 * Whether a reserved connection has ended, learnt the moment postgres.js learns it.
 *
 * postgres.js 3.4.9 keeps handing a reserved connection's statements to the connection after its
 * socket closed: the write is deferred to a setImmediate that calls `socket.write` on null, a
 * TypeError thrown out of every caller's reach that kills the process (porsager/postgres#1208,
 * #1154, #1066; no release has the fix). And once the pool has reconnected that connection for
 * another query, a statement would run there outside any transaction, and the COMMIT after it
 * succeed: half a transaction committed (porsager/postgres#1155). So the transaction's statements
 * are checked as they are sent, and fail with the error that ended the connection once it has.
 *
 * Two signals, whichever comes first. A statement of the transaction failing with an error that
 * ends the connection (a socket error such as ECONNRESET, which Node reports a tick or more before
 * the socket's close; a FATAL; postgres.js's CONNECTION_*), seen as postgres.js rejects it. And
 * the close itself, which nothing of the transaction may be waiting for: postgres.js tells no one
 * which reserved connection closed, but its own `begin` learns it through two internals, used here
 * the same way: the `onexecute` option of BEGIN is called with the connection object, whose
 * `onclose` the pool calls as the connection closes. `assertWatching` fails every commit if a
 * postgres.js upgrade stops calling `onexecute`, rather than leave transactions unwatched.
 */
class ConnectionWatch {
  /** What ended the connection, once it has. */
  private error: Error | undefined;
  private connection: DriverConnection | undefined;
  /** Rejects with what ended the connection when it ends; never resolves. */
  readonly lost: Promise<never>;
  private fail: (error: Error) => void = () => {};

  constructor() {
    this.lost = new Promise<never>((_resolve, reject) => (this.fail = reject));
    this.lost.catch(() => {}); // raced against the transaction, which may have ended first
  }

  /** Whether the connection closed or is closing: nothing more may be sent on it, nor may it go back to the pool. */
  get ended(): boolean {
    return this.error !== undefined;
  }

  private readonly end = (error: Error) => {
    if (this.error) return;
    this.error = error;
    this.fail(error);
  };

  /** BEGIN's `onexecute` option: postgres.js calls it with the connection as it sends BEGIN. */
  readonly onexecute = (connection: DriverConnection): true => {
    this.connection = connection;
    connection.onclose = this.end;
    return true; // as without the option: the connection takes the statements after BEGIN
  };

  /** `query`, failing with what ended the connection instead of being sent if it has ended by the time it would be. */
  guard(query: PendingQuery<never>): PendingQuery<never> {
    const internals = query as unknown as DriverQuery;
    const sendOnConnection = internals.handler;
    const reject = internals.reject;
    internals.reject = (error: unknown) => {
      if (endsConnection(error)) this.end(error);
      reject(error);
    };
    internals.handler = Object.assign((pending: unknown) => (this.error ? internals.reject(this.error) : sendOnConnection(pending)), { debug: sendOnConnection.debug });
    return query;
  }

  assertWatching(): void {
    if (!this.connection) throw new Error("postgres.js sent BEGIN without calling onexecute: db-transactions.ts cannot tell when a transaction's connection closes with this version");
  }

  /** The connection goes back to the pool: its later closes are not this transaction's. */
  stop(): void {
    if (this.connection?.onclose === this.end) this.connection.onclose = null;
  }
}

/**
 * Whether `error` ends the connection it came from: PostgreSQL closes a connection after a FATAL
 * error (a terminated backend, a shutdown), Node destroys a socket after an error on it (ECONNRESET,
 * EPIPE: a system error, with `syscall`), and postgres.js reports one closed under a query as
 * CONNECTION_CLOSED (or _ENDED, _DESTROYED).
 */
function endsConnection(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const { code, severity, syscall } = error as { code?: unknown; severity?: unknown; syscall?: unknown };
  return severity === 'FATAL' || severity === 'PANIC' || typeof syscall === 'string' || (typeof code === 'string' && code.startsWith('CONNECTION_'));
}
