import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { integer, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isCheckViolation, isUniqueViolation, openDatabase, queryRows, sql, type Database } from '../src/db.js';
import { Statements } from '../src/db-statements.js';
import { openTestTarget, type TargetKind } from '../src/testing/index.js';
import { useHarness } from '@bookstore/testing-base';

// The same contract for both adapters: services mode (PostgreSQL) and embedded mode (PGlite).
const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const thingsTable = pgSchema('kit_fixture').table('things', { id: serial('id').primaryKey(), name: text('name').notNull(), qty: integer('qty').notNull() });

describe.each<TargetKind>(['postgres', 'pglite'])('database on %s', (name) => {
  const fresh = useHarness(async () => {
    const { target, dispose } = await openTestTarget(name, 'kit');
    return { target, stop: dispose };
  });
  const open = (onQuery?: (query: string) => void) => openDatabase({ schema: 'kit_fixture', target: fresh.target, migrationsFolder, onQuery });

  it('applies migrations once, however often and however concurrently it is opened', async () => {
    const handles = await Promise.all([open(), open(), open()]);
    const again = await open();
    const rows = await queryRows<{ count: number }>(again.db, sql`select count(*)::int as count from kit_fixture.__migrations`);
    expect(rows).toEqual([{ count: 1 }]);
    await again.ping();
    await Promise.all([...handles, again].map((h) => h.close()));
  });

  it('refuses to start a build older than the schema it finds', async () => {
    await (await open()).close();
    const olderBuild = fileURLToPath(new URL('./fixtures/older-migrations', import.meta.url));
    await expect(openDatabase({ schema: 'kit_fixture', target: fresh.target, migrationsFolder: olderBuild })).rejects.toThrow(
      /"kit_fixture" schema has 1 migrations applied but this build knows 0/,
    );
  });

  it('reports constraint violations through either driver and counts queries', async () => {
    const queries: string[] = [];
    const { db, close } = await open((q) => queries.push(q));
    await db.execute(sql`insert into kit_fixture.things (name, qty) values (${`a-${name}`}, 1)`);
    const duplicate = await db.execute(sql`insert into kit_fixture.things (name, qty) values (${`a-${name}`}, 1)`).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(duplicate, 'things_name_key')).toBe(true);
    const negative = await db.execute(sql`insert into kit_fixture.things (name, qty) values (${`b-${name}`}, -1)`).catch((e: unknown) => e);
    expect(isCheckViolation(negative)).toBe(true);
    expect(isUniqueViolation(negative)).toBe(false);
    expect(queries).toHaveLength(3);
    await close();
  });

  // db-prepare.ts: drizzle's own queries go out prepared on PostgreSQL (one round trip once the
  // connection has seen them), with the same results.
  it('sends drizzle statements prepared, with the same results', async () => {
    const target = fresh.target.kind === 'postgres' ? { ...fresh.target, poolSize: 1 } : fresh.target;
    const { db, close } = await openDatabase({ schema: 'kit_fixture', target, migrationsFolder });
    await db.insert(thingsTable).values([{ name: `p-${name}`, qty: 2 }, { name: `q-${name}`, qty: 3 }]);
    const read = (thing: string) => db.select({ qty: thingsTable.qty }).from(thingsTable).where(eq(thingsTable.name, thing));
    expect(await read(`p-${name}`)).toEqual([{ qty: 2 }]);
    expect(await read(`q-${name}`)).toEqual([{ qty: 3 }]);
    expect(await db.transaction((tx) => tx.select({ qty: thingsTable.qty }).from(thingsTable).where(eq(thingsTable.name, `q-${name}`)))).toEqual([{ qty: 3 }]);
    if (name === 'postgres') {
      const statement = read('x').toSQL().sql;
      const rows = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from pg_prepared_statements where statement = ${statement}`);
      expect(rows).toEqual([{ count: 1 }]);
    }
    await close();
  });

  // db-transactions.ts: on PostgreSQL, BEGIN, SAVEPOINT and RELEASE go out with the statements after
  // them; what commits, what rolls back and which error is reported stay as before.
  it('commits a transaction whole, rolls a failed one back whole, and a failed savepoint back alone', async () => {
    const { db, close } = await open();
    const qtyOf = async (thing: string) => (await db.select({ qty: thingsTable.qty }).from(thingsTable).where(eq(thingsTable.name, thing)))[0]?.qty;
    const [a, b, c] = ['a', 'b', 'c'].map((prefix) => `${prefix}-tx-${name}`) as [string, string, string];

    await db.transaction(async (tx) => {
      await tx.insert(thingsTable).values({ name: a, qty: 1 });
      await tx.update(thingsTable).set({ qty: 2 }).where(eq(thingsTable.name, a));
    });
    expect(await qtyOf(a)).toBe(2);

    const failed = await db
      .transaction(async (tx) => {
        await tx.insert(thingsTable).values({ name: b, qty: 1 });
        await tx.update(thingsTable).set({ qty: -1 }).where(eq(thingsTable.name, a));
      })
      .catch((e: unknown) => e);
    expect(isCheckViolation(failed)).toBe(true);
    expect([await qtyOf(a), await qtyOf(b)]).toEqual([2, undefined]);

    const outcome = await db.transaction(async (tx) => {
      await tx.update(thingsTable).set({ qty: 3 }).where(eq(thingsTable.name, a));
      const bySql = await tx.transaction((savepoint) => savepoint.update(thingsTable).set({ qty: -1 }).where(eq(thingsTable.name, a))).catch((e: unknown) => e);
      const byCode = await tx
        .transaction(async (savepoint) => {
          await savepoint.update(thingsTable).set({ qty: 4 }).where(eq(thingsTable.name, a));
          throw new Error('changed my mind');
        })
        .catch((e: unknown) => (e as Error).message);
      await tx.transaction((savepoint) => savepoint.insert(thingsTable).values({ name: c, qty: 5 }));
      return { bySql: isCheckViolation(bySql), byCode };
    });
    expect(outcome).toEqual({ bySql: true, byCode: 'changed my mind' });
    expect([await qtyOf(a), await qtyOf(c)]).toEqual([3, 5]);
    await close();
  });

  // db-transactions.ts `checkedAtCommit`, through Statements.write: on PostgreSQL the work goes on
  // without the write's answer and COMMIT checks it; on PGlite the write is awaited where it is.
  it('checks a write at COMMIT: its failure fails the transaction with its own error, nothing of it commits', async () => {
    const { db, close } = await open();
    const statements = new Statements();
    const thing = (label: string) => `${label}-checked-${name}`;
    const addChecked = (on: Database, label: string, qty: number) =>
      statements.write(on, 'add checked', (built) => built.insert(thingsTable).values({ name: sql.placeholder('name'), qty: sql.placeholder('qty') }), { name: thing(label), qty });
    const names = async () => (await db.select({ name: thingsTable.name }).from(thingsTable).where(sql`${thingsTable.name} like ${`%-checked-${name}`}`)).map((row) => row.name).sort();

    await db.transaction(async (tx) => {
      await addChecked(tx, 'w1', 1);
      await addChecked(tx, 'w2', 2);
    });
    expect(await names()).toEqual([thing('w1'), thing('w2')]);

    let wentOn = false;
    const failed = await db
      .transaction(async (tx) => {
        await tx.insert(thingsTable).values({ name: thing('w3'), qty: 3 });
        await addChecked(tx, 'w4', -1); // the check constraint refuses it
        wentOn = true;
      })
      .catch((e: unknown) => e);
    expect(isCheckViolation(failed)).toBe(true);
    expect(wentOn).toBe(name === 'postgres');
    // Statements after it fail as the transaction is aborted; the write's own error is reported.
    const followed = await db
      .transaction(async (tx) => {
        await addChecked(tx, 'w5', -1);
        await tx.select().from(thingsTable);
      })
      .catch((e: unknown) => e);
    expect(isCheckViolation(followed)).toBe(true);
    // Inside a savepoint it is awaited there, so the savepoint's work alone fails and rolls back.
    const inSavepoint = await db.transaction(async (tx) => {
      const refused = await tx.transaction((savepoint) => addChecked(savepoint, 'w6', -1)).catch((e: unknown) => isCheckViolation(e));
      await addChecked(tx, 'w7', 7);
      return refused;
    });
    expect(inSavepoint).toBe(true);
    expect(await names()).toEqual([thing('w1'), thing('w2'), thing('w7')]);
    await close();
  });

  // db-statements.ts: built once, run on the database and on transactions, with the same results
  // as drizzle's own execution; a rolled-back transaction's run is rolled back with it.
  it('runs a statement built once on any database or transaction', async () => {
    const { db, close } = await open();
    const statements = new Statements();
    const add = (on: Database, thing: string, qty: number) =>
      statements.run(on, 'add', (built) => built.insert(thingsTable).values({ name: sql.placeholder('name'), qty: sql.placeholder('qty') }).returning({ name: thingsTable.name, qty: thingsTable.qty }), { name: thing, qty });
    const read = (on: Database, thing: string) => statements.run(on, 'read', (built) => built.select({ qty: thingsTable.qty }).from(thingsTable).where(eq(thingsTable.name, sql.placeholder('name'))), { name: thing });

    expect(await add(db, `s1-${name}`, 1)).toEqual([{ name: `s1-${name}`, qty: 1 }]);
    expect(await db.transaction(async (tx) => [await add(tx, `s2-${name}`, 2), await read(tx, `s1-${name}`)])).toEqual([[{ name: `s2-${name}`, qty: 2 }], [{ qty: 1 }]]);
    await db
      .transaction(async (tx) => {
        await add(tx, `s3-${name}`, 3);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect([await read(db, `s2-${name}`), await read(db, `s3-${name}`)]).toEqual([[{ qty: 2 }], []]);
    await close();
  });
});
