import { queryRows, type Database, type PageQuery } from '@bookstore/subgraph-runtime';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuthorCursor } from '../domain/book-listing.js';
import { authorsTable, bookAuthorsTable } from './schema.js';

export interface AuthorRow {
  id: string;
  name: string;
}

const authorColumns = { id: authorsTable.id, name: authorsTable.name };

export async function listAuthors(db: Database, { after, limit }: PageQuery<AuthorCursor>): Promise<AuthorRow[]> {
  return db
    .select(authorColumns)
    .from(authorsTable)
    .where(after ? sql`(${authorsTable.name}, ${authorsTable.id}) > (${after[0]}::text, ${after[1]}::uuid)` : undefined)
    .orderBy(asc(authorsTable.name), asc(authorsTable.id))
    .limit(limit);
}

export async function countAuthors(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(authorsTable);
  return row?.count ?? 0;
}

export async function authorsByIds(db: Database, ids: readonly string[]): Promise<AuthorRow[]> {
  return db.select(authorColumns).from(authorsTable).where(inArray(authorsTable.id, [...ids]));
}

/** The authors of several books, each book's in cover order. */
export async function authorsOfBooks(db: Database, bookIds: readonly string[]): Promise<(AuthorRow & { bookId: string })[]> {
  return db
    .select({ ...authorColumns, bookId: bookAuthorsTable.bookId })
    .from(bookAuthorsTable)
    .innerJoin(authorsTable, eq(authorsTable.id, bookAuthorsTable.authorId))
    .where(inArray(bookAuthorsTable.bookId, [...bookIds]))
    .orderBy(asc(bookAuthorsTable.position));
}

/**
 * The authors with these names (case-insensitively), created when missing, in the order of
 * `names`. Matching happens in SQL with the same lower() as the unique index, so it agrees
 * with the database on which names are the same author. Names must be distinct.
 */
export async function upsertAuthorsByName(db: Database, names: readonly string[]): Promise<AuthorRow[]> {
  const list = sql`array[${sql.join(
    names.map((name) => sql`${name}`),
    sql`, `,
  )}]::text[]`;
  // Inserted in one order (that of the unique index) by every transaction: two books naming the same
  // new authors in different orders would otherwise each hold one name's index entry and wait for
  // the other's, a deadlock PostgreSQL ends by failing one of them.
  await db.execute(sql`insert into ${authorsTable} (name) select name from unnest(${list}) as given(name) order by lower(name) on conflict do nothing`);
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select a.id, a.name from unnest(${list}) with ordinality as given(name, position)
        join ${authorsTable} a on lower(a.name) = lower(given.name)
        order by given.position`,
  );
}
