import type { PGlite, Transaction } from '@electric-sql/pglite';
import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import type { Sql } from 'postgres';
import { recordFailure, tracingActive } from '@bookstore/server-core';
import { aroundStatements } from './postgres-js-statements.js';

// A CLIENT span per SQL statement, child of the request or job span that ran it. Neither
// driver has hooks with timings (drizzle's logger sees a query before it runs), so the two
// methods drizzle calls are wrapped, once per client, and do span work only while tracing is on.

function spanUntilSettled(result: PromiseLike<unknown>, query: string, attributes: Attributes): void {
  const span = trace.getTracer('bookstore').startSpan(query.split(/\s+/, 1)[0]?.toLowerCase() ?? 'query', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': query, ...attributes } }, context.active());
  result.then(
    () => span.end(),
    (error: unknown) => {
      recordFailure(span, error);
      span.end();
    },
  );
}

/** postgres.js: a span per statement drizzle sends (aroundStatements). */
export function tracePostgresJs(client: Sql, schema: string): void {
  const attributes = { 'db.namespace': schema };
  aroundStatements(client, (unsafe) => (query, parameters, options) => {
    const pending = unsafe(query, parameters, options);
    // postgres.js runs a query once awaited; drizzle's `.values()` right after still applies (it runs a tick later).
    if (tracingActive()) spanUntilSettled(pending, query, attributes);
    return pending;
  });
}

/** PGlite (embedded): drizzle calls `query`, and `transaction` whose `tx.query` it then uses. */
export function tracePglite(pglite: PGlite): void {
  const wrap = <T extends PGlite | Transaction>(target: T): T => {
    const query = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
    target.query = ((text: string, ...rest: unknown[]) => {
      const result = query(text, ...rest);
      if (tracingActive()) spanUntilSettled(result, text, {});
      return result;
    }) as T['query'];
    return target;
  };
  wrap(pglite);
  const transaction = pglite.transaction.bind(pglite) as (work: (tx: Transaction) => Promise<unknown>) => Promise<unknown>;
  pglite.transaction = ((work: (tx: Transaction) => Promise<unknown>) => transaction((tx) => work(wrap(tx)))) as PGlite['transaction'];
}
