import type { Sql } from 'postgres';
import { aroundStatements } from './postgres-js-statements.js';

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
 * Prepared statements live on their connection until it closes (postgres.js retires each after
 * `max_lifetime`, 30 to 60 minutes), each costing the server some memory per connection, and
 * texts vary with the length of an `IN (...)` list or of a multi-row insert (DataLoader batches).
 * So a text is prepared from its second use, and at most `limit` texts per process: statements
 * run again and again (the saga's, the relay's) are prepared, one-off variants are not; past the
 * limit the rest go out unnamed as before.
 */
export function preparePostgresJsStatements(client: Sql, limit = 250): void {
  const prepared = new Set<string>();
  /** Texts used once and not prepared yet; forgotten in bulk when it grows past 10 x limit. */
  let seenOnce = new Set<string>();
  const shouldPrepare = (query: string): boolean => {
    if (prepared.has(query)) return true;
    if (prepared.size >= limit) return false;
    if (!seenOnce.delete(query)) {
      if (seenOnce.size >= 10 * limit) seenOnce = new Set();
      seenOnce.add(query);
      return false;
    }
    prepared.add(query);
    return true;
  };
  aroundStatements(client, (unsafe) => (query, parameters, options) => unsafe(query, parameters, options?.prepare === false && shouldPrepare(query) ? { ...options, prepare: true } : options));
}
