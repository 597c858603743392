import type { Sql, TransactionSql } from 'postgres';

/** postgres.js's `unsafe`: a statement's text, its parameters, and options (`prepare`). */
export type Unsafe = (query: string, parameters?: unknown[], options?: { prepare?: boolean }) => PromiseLike<unknown>;

/**
 * Puts `around` in front of every statement drizzle sends through a postgres.js client: drizzle
 * runs statements with `unsafe`, and a transaction's with the `sql` that `begin` hands it, so both
 * are wrapped, once per client (statement preparation and tracing each add one layer).
 */
export function aroundStatements(client: Sql, around: (unsafe: Unsafe) => Unsafe): void {
  const wrap = <T extends Sql | TransactionSql>(sql: T): T => {
    sql.unsafe = around(sql.unsafe.bind(sql) as Unsafe) as unknown as T['unsafe'];
    return sql;
  };
  wrap(client);
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const work = args.pop() as (sql: TransactionSql) => unknown;
    return begin(...args, (sql: TransactionSql) => work(wrap(sql)));
  }) as typeof client.begin;
}
