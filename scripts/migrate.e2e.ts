import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@bookstore/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run migrate` as an operator runs it, on this machine's PostgreSQL.
const root = fileURLToPath(new URL('..', import.meta.url));
const SUBGRAPHS = ['catalog', 'loans', 'orders', 'payments', 'reviews', 'summaries', 'users'];
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('migrate');
});
afterAll(async () => {
  await database?.drop();
});

const migrate = (args: string[], env: Record<string, string> = { DATABASE_URL: database.url }) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
};

describe('npm run migrate', () => {
  it('migrates every subgraph schema, and again changes nothing', async () => {
    for (let round = 0; round < 2; round++) {
      const run = migrate([]);
      expect(run.status, run.out).toBe(0);
      for (const name of SUBGRAPHS) expect(run.out).toMatch(new RegExp(`^${name}: (\\d+) of \\1 migrations applied$`, 'm'));
    }
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const schemas = await sql<{ name: string }[]>`select nspname as name from pg_namespace where nspname = any(${SUBGRAPHS}) order by 1`;
      expect(schemas.map((s) => s.name)).toEqual(SUBGRAPHS);
    } finally {
      await sql.end();
    }
  });

  it('names what is wrong: no DATABASE_URL, an unknown subgraph, a schema migrated by a newer build', async () => {
    const missing = migrate([], {});
    expect(missing.status).toBe(1);
    expect(missing.out).toContain('DATABASE_URL');
    const unknown = migrate(['orders', 'inventory']);
    expect(unknown.status).toBe(1);
    expect(unknown.out).toContain('unknown subgraph inventory');

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await sql`insert into orders.__migrations (hash, created_at) values ('from-a-newer-build', ${Date.now()})`;
    } finally {
      await sql.end();
    }
    const newer = migrate(['orders']);
    expect(newer.status).toBe(1);
    expect(newer.out).toMatch(/"orders" schema has \d+ migrations applied but this build knows \d+/);
  });
});
