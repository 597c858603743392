import type { Logger } from '@bookstore/server-core';

let tolerating = false;

/**
 * Keeps a process serving when PostgreSQL ends a new connection while postgres.js reads the array
 * types on it, instead of letting Node end the process for an unhandled rejection.
 *
 * postgres.js 3.4.9 sends that query first on every new connection and does not await its promise
 * (porsager/postgres#1192; `fetch_types` stays on, db.ts says why): a backend ended in those first
 * milliseconds, in a failover, a server restart or by pg_terminate_backend, rejects it with no one
 * listening. Nothing is lost by tolerating it: the query that opened the connection fails with the
 * same error to its own caller (a request gets INTERNAL_SERVER_ERROR, a job is retried), and the
 * pool's next connection asks for the types again. It is recognised by the query postgres.js
 * attaches to the error; any other unhandled rejection still ends the process, as Node's default
 * does when no one else listens for them (a test runner, say, which then decides).
 *
 * Once per process; services-mode entry points install it beside their first database.
 */
export function tolerateFailedTypeFetches(logger: Logger): void {
  if (tolerating) return;
  tolerating = true;
  const onUnhandledRejection = (reason: unknown) => {
    if (isTypeFetchFailure(reason)) {
      logger.warn({ err: reason }, 'PostgreSQL ended a new connection while it was being set up; the pool opens another (porsager/postgres#1192)');
      return;
    }
    if (process.listeners('unhandledRejection').some((listener) => listener !== onUnhandledRejection)) return;
    throw reason; // Node's default: an uncaught exception, which ends the process with its stack
  };
  process.on('unhandledRejection', onUnhandledRejection);
}

/** postgres.js's array-type query (src/connection.js `fetchArrayTypes`), as its errors carry it in `query`. */
const arrayTypesQuery = /\bfrom pg_catalog\.pg_type a\b[\s\S]*\btypcategory = 'A'/;

function isTypeFetchFailure(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const { query } = reason as { query?: unknown };
  return typeof query === 'string' && arrayTypesQuery.test(query);
}
