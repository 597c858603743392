import type { Sql, TransactionSql } from 'postgres';

/**
 * Most statements a subgraph sends prepared (named, kept per connection) instead of unnamed.
 *
 * drizzle's postgres-js driver asks postgres.js for a prepared statement only when a query was
 * built with `.prepare('name')`; every other query goes out with `prepare: false`, and postgres.js
 * sends an unnamed statement with parameters in two round trips: Parse + Describe + Flush, then,
 * once PostgreSQL has described the parameter types, Bind + Execute + Sync. Each drizzle statement
 * of the order saga thus cost two socket writes, two reads and a parse on the server. Prepared, the
 * second time a connection sees a statement it is one Bind + Execute + Sync (postgres.js's own
 * default, which drizzle's `execute` already gets).
 *
 * Prepared statements live on the connection until it closes, and texts vary with the length of an
 * `IN (...)` list or of a multi-row insert, so at most `limit` distinct texts per process are
 * prepared (the first seen: a subgraph's hot statements are among them); the rest go out unnamed
 * as before. postgres.js also retires each connection after `max_lifetime` (30 to 60 minutes).
 */
export function preparePostgresJsStatements(client: Sql, limit = 1000): void {
  const prepared = new Set<string>();
  const wrap = (sql: Sql | TransactionSql) => {
    const unsafe = sql.unsafe.bind(sql) as (query: string, parameters?: unknown[], options?: { prepare?: boolean }) => unknown;
    sql.unsafe = ((query: string, parameters?: unknown[], options?: { prepare?: boolean }) => {
      if (options?.prepare === false && (prepared.has(query) || (prepared.size < limit && prepared.add(query)))) options = { ...options, prepare: true };
      return unsafe(query, parameters, options);
    }) as typeof sql.unsafe;
    return sql;
  };
  wrap(client);
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const work = args.pop() as (sql: TransactionSql) => unknown;
    return begin(...args, (sql: TransactionSql) => work(wrap(sql) as TransactionSql));
  }) as typeof client.begin;
}
