import type { Query } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig, SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Database } from './db.js';
import { checkedAtCommit } from './db-transactions.js';

/** A drizzle query builder (select, insert, update, delete) with `sql.placeholder`s for its values. */
interface Preparable<TResult> {
  prepare(name: string): PgPreparedQuery<PreparedQueryConfig & { execute: TResult }>;
}

/** A statement's first build: its SQL text and parameters (placeholders among them), and how its rows map to results. */
interface Template {
  query: Query;
  fields: SelectedFieldsOrdered | undefined;
  joinsNotNullableMap: Record<string, boolean> | undefined;
}

/** What drizzle's prepared queries keep of their builder, beside the query (internal to drizzle, same in both drivers). */
interface PreparedInternals {
  fields?: SelectedFieldsOrdered;
  joinsNotNullableMap?: Record<string, boolean>;
}

/**
 * Statements whose SQL drizzle builds once, for the hot paths (the saga's statements).
 *
 * drizzle builds a statement's SQL text again every time it runs: a walk over the builder's SQL
 * chunks with `is()` class checks on each, 40-150 µs of CPU per statement (all of a table's
 * columns for a `select()` or a `returning()`), about a tenth of the orders process's CPU in the
 * order-pipeline benchmark. drizzle's own `.prepare()` builds once, but its prepared query is
 * bound to the connection or transaction it was built on. Here a statement is built once with
 * `sql.placeholder`s for its values; each run prepares that text on the database or transaction
 * it is given (`session.prepareQuery`, which builds nothing) and fills the placeholders, through
 * the columns' encoders as drizzle's prepared queries do. Results map to the builder's fields as
 * drizzle's own execution maps them.
 *
 * `key` names the statement among this instance's: a statement whose shape varies (a number of
 * rows, an optional column) needs a key per shape.
 */
export class Statements {
  private readonly templates = new Map<string, Template>();

  run<TResult>(db: Database, key: string, build: (db: Database) => Preparable<TResult>, values: Record<string, unknown>): Promise<TResult> {
    let template = this.templates.get(key);
    if (!template) {
      const prepared = build(db).prepare(key);
      const internals = prepared as unknown as PreparedInternals;
      template = { query: prepared.getQuery(), fields: internals.fields, joinsNotNullableMap: internals.joinsNotNullableMap };
      this.templates.set(key, template);
    }
    // Unnamed, as drizzle runs its builders (db-prepare.ts decides what postgres.js prepares).
    const query = db._.session.prepareQuery<PreparedQueryConfig & { execute: TResult }>(template.query, template.fields, undefined, true);
    (query as unknown as PreparedInternals).joinsNotNullableMap = template.joinsNotNullableMap;
    return query.execute(values);
  }

  /**
   * `run` for a write whose result nothing in the transaction needs (a history entry, the outbox
   * rows): sent now and checked when the transaction commits, so COMMIT goes to PostgreSQL with it
   * instead of a round trip after its answer (`checkedAtCommit`). Outside a transaction, `run`.
   */
  write(db: Database, key: string, build: (db: Database) => Preparable<unknown>, values: Record<string, unknown>): Promise<void> {
    return checkedAtCommit(db, this.run(db, key, build, values));
  }
}
