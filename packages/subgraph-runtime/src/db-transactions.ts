import type { PendingQuery, ReservedSql, Sql, TransactionSql } from 'postgres';

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
 * What is not waited for is still checked: before COMMIT every such statement must have
 * succeeded, or the transaction rolls back with its error (a COMMIT after a failed SAVEPOINT would
 * otherwise end the aborted transaction as a silent ROLLBACK). A statement failing because one of
 * these failed before it reports that first failure, as postgres.js does. BEGIN on an idle
 * connection fails only when the connection does, and then so does everything queued behind it,
 * so no statement of the work can run outside the transaction.
 *
 * Replaces `client.begin` (options, such as an isolation level, are not supported: no caller uses
 * them); install it before other wrappers of `begin` (aroundStatements), which then wrap this one.
 */
export function pipelineTransactions(client: Sql): void {
  client.begin = (async (...args: unknown[]) => {
    if (args.length !== 1 || typeof args[0] !== 'function') throw new TypeError('begin(work) takes the work alone: transaction options are not supported');
    const connection = await client.reserve();
    let gone = false;
    try {
      return await runTransaction(connection, args[0] as (sql: TransactionSql) => unknown);
    } catch (error) {
      gone = connectionGone(error);
      throw error;
    } finally {
      // A closed connection is back with the pool already, among those it reconnects; released, it
      // would be handed out as open.
      if (!gone) connection.release();
    }
  }) as typeof client.begin;
}

async function runTransaction(connection: ReservedSql, work: (sql: TransactionSql) => unknown): Promise<unknown> {
  // Taken before the work may wrap the connection's `unsafe` (statement preparation, tracing).
  const unsafe = connection.unsafe.bind(connection);
  /** Statements sent without waiting for their answer (BEGIN, SAVEPOINT). */
  const unawaited: PendingQuery<never>[] = [];
  const send = (text: string) => {
    const query = unsafe<never>(text).execute();
    query.catch(() => {}); // awaited before COMMIT or reported by `firstFailure`
    unawaited.push(query);
  };
  /** The earliest of the unawaited statements' failures, if any, else `error`. */
  const firstFailure = async (error: unknown) => {
    for (const result of await Promise.allSettled(unawaited)) if (result.status === 'rejected') return result.reason as unknown;
    return error;
  };

  // As postgres.js's: a savepoint that succeeded is not released, it ends with the transaction.
  let savepoints = 0;
  const tx = connection as unknown as TransactionSql;
  tx.savepoint = (async (fn: (sql: TransactionSql) => unknown) => {
    const name = `s${++savepoints}`;
    send(`savepoint ${name}`);
    try {
      return await fn(tx);
    } catch (error) {
      if (!connectionGone(error)) await unsafe(`rollback to savepoint ${name}`);
      throw error;
    }
  }) as TransactionSql['savepoint'];

  send('begin');
  try {
    const result = await work(tx);
    await Promise.all(unawaited);
    await unsafe('commit');
    return result;
  } catch (error) {
    const reported = await firstFailure(error);
    // The server rolls back a transaction whose connection is gone; a statement sent on a closed
    // reserved connection would throw inside postgres.js, out of any caller's reach.
    if (!connectionGone(reported) && !connectionGone(error)) await unsafe('rollback').catch(() => {}); // the work's error is the one to report
    throw reported;
  }
}

/**
 * Whether `error` ended the connection: PostgreSQL closes it after a FATAL error (a terminated
 * backend, a shutdown), and postgres.js reports one closed under a query as CONNECTION_CLOSED
 * (or _ENDED, _DESTROYED).
 */
function connectionGone(error: unknown): boolean {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return severity === 'FATAL' || severity === 'PANIC' || (typeof code === 'string' && code.startsWith('CONNECTION_'));
}
