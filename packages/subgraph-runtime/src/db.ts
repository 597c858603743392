import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { and, desc, inArray, lte, sql, type SQL, type Subquery } from 'drizzle-orm';
import { bigint, timestamp, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { readMigrationFiles, type MigrationConfig, type MigrationMeta } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { lockDirectory, type DirectoryLock } from './data-dir-lock.js';
import { preparePostgresJsStatements } from './db-prepare.js';
import { pipelineTransactions } from './db-transactions.js';
import { tracePglite, tracePostgresJs } from './db-tracing.js';
import type { PageQuery, TimeIdCursor } from './pagination.js';
import postgres from 'postgres';

/** The drizzle database every subgraph writes against, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT>;

/**
 * The column every instant is stored in: timestamptz with millisecond precision, as JS Dates
 * have, so a stored instant compares equal to the one read back. Postgres keeps microseconds by
 * default, which would make a keyset cursor compare unequal to the row it came from, and a loan's
 * due date unequal to the delivery time of the event written with it.
 */
export function instant(name: string) {
  return timestamp(name, { withTimezone: true, precision: 3 });
}

/**
 * The column every amount of money is stored in: integer cents as bigint, in every subgraph, so
 * one type holds every bound of money.ts (an order may total 100,000,000.00, past 32 bits); mode
 * 'number' is exact up to 2^53 cents, far above those bounds.
 */
export function cents(name: string) {
  return bigint(name, { mode: 'number' });
}

/** Where a subgraph's data lives: a PostgreSQL URL (services mode) or a shared PGlite instance (embedded). */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; pglite: PGlite };

export interface DatabaseOptions {
  /** The Postgres schema this subgraph owns (e.g. "users"); its migrations table lives there too. */
  schema: string;
  target: DatabaseTarget;
  /** Folder of the committed drizzle-kit migrations, applied before the database is returned. */
  migrationsFolder: string;
  /** Called for every SQL statement; tests count queries with it (N+1 checks). */
  onQuery?: (query: string, params: unknown[]) => void;
}

export interface DatabaseHandle {
  db: Database;
  /** Cheap round trip for `/ready`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a subgraph's database and applies its migrations. On PostgreSQL, migrations run on a
 * single connection under an advisory lock, so replicas starting together migrate once.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const migration = {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema: options.schema,
    migrationsTable: '__migrations',
  };
  const { target } = options;
  switch (target.kind) {
    case 'postgres': {
      await migratePostgresSchema({ url: target.url, schema: options.schema, migrationsFolder: options.migrationsFolder });
      const client = postgres(target.url, {
        max: target.poolSize ?? 10,
        onnotice: () => {},
        connection: { application_name: `bookstore-${options.schema}` },
        // fetch_types stays on although postgres.js 3.4.9 drops the promise of the array-type query
        // each new connection sends first, so a backend ended in those first milliseconds (a
        // failover, a restart) is an unhandled rejection (porsager/postgres#1192), which
        // db-type-fetch.ts keeps from ending the process. Turned off, a connection opened for
        // `reserve()` is never handed to it (#751, #1219; fix in the unreleased #1220), and every
        // transaction reserves its connection (db-transactions.ts).
      });
      pipelineTransactions(client); // first: the wrappers below wrap its `begin`
      preparePostgresJsStatements(client);
      tracePostgresJs(client, options.schema);
      const db = drizzlePostgres({ client, logger }) as unknown as Database;
      return {
        db,
        ping: async () => {
          await client`select 1`;
        },
        close: () => client.end({ timeout: 5 }),
      };
    }
    case 'pglite': {
      await migratePgliteSerially(target.pglite, migration);
      const db = drizzlePglite({ client: target.pglite, logger });
      return {
        db: db as unknown as Database,
        ping: async () => {
          await target.pglite.query('select 1');
        },
        // The PGlite instance is shared by every subgraph of the process; its owner closes it.
        close: async () => {},
      };
    }
  }
}

/** Thrown at start when the database was migrated by a newer build than this one. */
export class SchemaNewerThanCodeError extends Error {
  constructor(schema: string, applied: number, known: number) {
    super(`The "${schema}" schema has ${applied} migrations applied but this build knows ${known}: a newer version migrated it. Run that version (or newer), not this one.`);
    this.name = 'SchemaNewerThanCodeError';
  }
}

async function knownMigrations(folder: string): Promise<number> {
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * During a rolling deploy an old replica may start after a new one migrated the schema; it would
 * run against tables it does not know, so it refuses to start instead.
 */
async function assertNotNewer(db: Database, schema: string, known: number): Promise<void> {
  const [row] = await queryRows<{ applied: number }>(db, sql`select count(*)::int as applied from ${sql.identifier(schema)}.${sql.identifier('__migrations')}`);
  const applied = row?.applied ?? 0;
  if (applied > known) throw new SchemaNewerThanCodeError(schema, applied, known);
}

/**
 * Applies a subgraph's committed migrations to its schema on PostgreSQL, on one connection under
 * an advisory lock (replicas starting together migrate once), after refusing a schema that a
 * newer build migrated. Subgraphs run this at start; `npm run migrate` runs it ahead of a rollout.
 */
export async function migratePostgresSchema(options: { url: string; schema: string; migrationsFolder: string }): Promise<{ known: number; applied: number }> {
  const known = await knownMigrations(options.migrationsFolder);
  const client = postgres(options.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(hashtext(${`bookstore-migrate:${options.schema}`}))`;
    const db = drizzlePostgres({ client }) as unknown as Database;
    const [exists] = await client`select to_regclass(${`"${options.schema}"."__migrations"`}) is not null as present`;
    if (exists?.['present']) await assertNotNewer(db, options.schema, known);
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: options.migrationsFolder, migrationsSchema: options.schema, migrationsTable: '__migrations' });
    const [row] = await queryRows<{ applied: number }>(db, sql`select count(*)::int as applied from ${sql.identifier(options.schema)}.${sql.identifier('__migrations')}`);
    return { known, applied: row?.applied ?? 0 };
  } finally {
    await client.end({ timeout: 5 });
  }
}

// One PGlite instance serves every subgraph of a process: migrations on it run one at a time,
// as they do on PostgreSQL under the advisory lock.
const pgliteMigrations = new WeakMap<PGlite, Promise<void>>();
function migratePgliteSerially(pglite: PGlite, migration: MigrationConfig & { migrationsSchema: string; migrationsTable: string }): Promise<void> {
  const previous = pgliteMigrations.get(pglite) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const migrations = readMigrationFiles(migration);
      if (await migrationsCurrent(pglite, migration, migrations)) return;
      const db = drizzlePglite({ client: pglite });
      await migratePglite(db, migration);
      await assertNotNewer(db as unknown as Database, migration.migrationsSchema, migrations.length);
    });
  pgliteMigrations.set(pglite, next);
  return next;
}

/**
 * Whether a schema has exactly this build's migrations applied: their number and the last one's
 * hash, in one query, so a restart skips drizzle's migrate (two DDL statements, a read and a
 * transaction per schema). Anything else (no migrations table yet, another hash) says no, and
 * migrate decides as before; more migrations than this build knows is SchemaNewerThanCodeError.
 */
async function migrationsCurrent(pglite: PGlite, migration: { migrationsSchema: string; migrationsTable: string }, migrations: MigrationMeta[]): Promise<boolean> {
  const table = `"${migration.migrationsSchema}"."${migration.migrationsTable}"`;
  let row: { applied: number; last: string | null } | undefined;
  try {
    [row] = (await pglite.query<{ applied: number; last: string | null }>(`select count(*)::int as applied, (select hash from ${table} order by created_at desc limit 1) as last from ${table}`)).rows;
  } catch {
    return false;
  }
  if (!row) return false;
  if (row.applied > migrations.length) throw new SchemaNewerThanCodeError(migration.migrationsSchema, row.applied, migrations.length);
  return row.applied === migrations.length && row.last === migrations.at(-1)?.hash;
}

const pgliteLocks = new WeakMap<PGlite, DirectoryLock>();

// PGlite ships contrib extensions as bundles loaded only at construction, so every extension a
// subgraph's migrations create must be listed here: catalog's search uses pg_trgm (trigram
// typo tolerance), which PostgreSQL has in its contrib package.
const pgliteOptions: PGliteOptions = { extensions: { pg_trgm } };

/**
 * One PGlite instance per embedded process, shared by every subgraph (a schema each). A data
 * directory is locked to the process that opens it until `close()` (DataDirInUseError naming the
 * holder otherwise): two processes on one directory would each see only their own writes.
 * `loadDataDir` fills a new directory from a `dumpDataDir` tarball instead of running initdb.
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (!dataDir) return ready(new PGlite(pgliteOptions));
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDirectory(resolve(dataDir));
  let pglite: PGlite;
  try {
    pglite = await ready(new PGlite(dataDir, { ...pgliteOptions, ...options }));
  } catch (error) {
    await lock.release();
    throw error;
  }
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    try {
      await close();
    } finally {
      await lock.release();
    }
  };
  pgliteLocks.set(pglite, lock);
  return pglite;
}

/** Records where the process holding this PGlite directory serves, so a second start can name it. */
export async function announcePgliteOwner(pglite: PGlite | undefined, url: string): Promise<void> {
  if (pglite) await pgliteLocks.get(pglite)?.describe({ url });
}

async function ready(pglite: PGlite): Promise<PGlite> {
  tracePglite(pglite);
  await pglite.waitReady;
  return pglite;
}

/** Rows of a raw statement, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * The rows past `after` in a list ordered by (`time`, `id`), both `order`: older ones in a list
 * newest first, newer ones in one oldest first. One row comparison, which an index on
 * (time, id) answers; no condition without a cursor.
 */
export function pastTimeIdCursor(time: PgColumn, id: PgColumn, after: TimeIdCursor | null, order: 'asc' | 'desc'): SQL | undefined {
  if (!after) return undefined;
  const key = sql`(${after[0]}::timestamptz, ${after[1]}::uuid)`;
  return order === 'desc' ? sql`(${time}, ${id}) < ${key}` : sql`(${time}, ${id}) > ${key}`;
}

/**
 * One page of rows for each of several owners (the orders of every customer on a page of users) in
 * a single statement: `row_number()` numbers each owner's rows in the list's order, so `limit`
 * applies per owner rather than overall. `select` is the list's query with `rowNumber` among its
 * fields; the rows come back in each owner's list order, without it.
 */
export async function pagePerOwner<TRow>(
  db: Database,
  page: { owner: PgColumn; orderBy: SQL; limit: number },
  select: (rowNumber: SQL.Aliased<number>) => { as(alias: string): unknown },
): Promise<TRow[]> {
  // drizzle types a subquery by its selection, which differs per list; all this adds is the outer
  // filter on `rowNumber`, so the subquery is handled untyped and the caller names the row type.
  const ranked = select(sql<number>`row_number() over (partition by ${page.owner} order by ${page.orderBy})`.as('row_number')).as('ranked') as Subquery & { rowNumber: SQL };
  const rows = (await db.select().from(ranked).where(lte(ranked.rowNumber, page.limit)).orderBy(ranked.rowNumber)) as (TRow & { rowNumber: number })[];
  return rows.map(({ rowNumber: _rowNumber, ...row }) => row as TRow);
}

/**
 * How many rows of `table` each of several owners has (a customer's orders), matching `where`
 * when given, in one statement: the batch a countLoader asks for. Owners with none are left out.
 */
export async function countPerOwner(db: Database, table: PgTable, owner: PgColumn, ownerIds: readonly string[], where?: SQL): Promise<{ ownerId: string; count: number }[]> {
  return db
    .select({ ownerId: sql<string>`${owner}`, count: sql<number>`count(*)::int` })
    .from(table)
    .where(and(inArray(owner, [...ownerIds]), where))
    .groupBy(owner);
}

/** A list of every row of a table, newest first by (`time`, `id`): the staff lists (every order, every payment) and public ones (every review). */
export interface NewestFirstList {
  table: PgTable;
  /** What a row is read as; the caller names the row type it makes. */
  columns: Record<string, PgColumn>;
  time: PgColumn;
  id: PgColumn;
  /** Narrows the list (one status), when given; the count is of the same rows. */
  where?: SQL;
}

/**
 * One page of `list` and, lazily, its count: the `fetch` and `totalCount` of a PagedList. An
 * index on (`time`, `id`), led by the column `where` filters on when it filters, makes each page
 * one index range scan.
 */
export function newestFirst<TRow>(db: Database, list: NewestFirstList): { page(query: PageQuery<TimeIdCursor>): Promise<TRow[]>; count(): Promise<number> } {
  return {
    async page({ after, limit }) {
      const rows = await db
        .select(list.columns)
        .from(list.table)
        .where(and(list.where, pastTimeIdCursor(list.time, list.id, after, 'desc')))
        .orderBy(desc(list.time), desc(list.id))
        .limit(limit);
      return rows as TRow[];
    },
    async count() {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(list.table).where(list.where);
      return row?.count ?? 0;
    },
  };
}

/** Postgres' unique_violation, raised through either driver; `constraint` narrows to one index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint || e.constraint_name === constraint);
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return e?.code === '23514' && (constraint === undefined || e.constraint === constraint || e.constraint_name === constraint);
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
}

// drizzle wraps driver errors (DrizzleQueryError) with the original as `cause`.
function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export { sql };
