import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openPglite, sql, type DatabaseHandle, type DatabaseTarget } from '../src/db.js';
import { createLogger, safeErrorText, stripValues } from '../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/database.js';

// A failed statement is logged with its SQL text and Postgres code, never with its values: on
// register, those were the email and the argon2id hash. Real statements fail on both drivers,
// and the lines come from the loggers every process uses.
const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const SECRET = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$SECRET-HASH';
let pg: TestDatabase;
let pglite: PGlite;
const targets: Record<string, () => DatabaseTarget> = {
  postgres: () => ({ kind: 'postgres', url: pg.url, poolSize: 2 }),
  pglite: () => ({ kind: 'pglite', pglite }),
};

beforeAll(async () => {
  [pg, pglite] = await Promise.all([createTestDatabase('failed_query_log'), openPglite(undefined)]);
});
afterAll(async () => {
  await pglite?.close();
  await pg?.drop();
});

function capture() {
  const lines: string[] = [];
  const logger = createLogger('failed-query-test', 'info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { logger, lines };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describe.each(Object.keys(targets))('a failed statement on %s', (name) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ schema: 'kit_fixture', target: targets[name]!(), migrationsFolder });
    await handle.db.execute(sql`insert into kit_fixture.things (name, qty) values (${SECRET}, 1)`);
  });
  afterAll(() => handle?.close());

  it.each([
    ['a unique violation (its detail holds the key)', () => sql`insert into kit_fixture.things (name, qty) values (${SECRET}, 2)`, '23505', 'insert into kit_fixture.things (name, qty) values ($1, 2)'],
    ['a check violation (its detail holds the row)', () => sql`insert into kit_fixture.things (name, qty) values (${`other ${SECRET}`}, ${-1})`, '23514', 'values ($1, $2)'],
    ['a NUL in text', () => sql`insert into kit_fixture.things (name, qty) values (${`a\u0000${SECRET}`}, 1)`, '22021', 'values ($1, 1)'],
    ['a value that does not parse (Postgres quotes it in the message)', () => sql`select ${SECRET}::int as n`, '22P02', 'select $1::int as n'],
  ])('%s: logged with SQL text and code, without values', async (_case, statement, code, text) => {
    const error = await failure(() => handle.db.execute(statement()));
    const { logger, lines } = capture();
    logger.error({ err: error, path: ['register'] }, 'unexpected error'); // logUnexpectedErrors
    logger.child({ requestId: 'r1' }).warn({ err: error, jobId: 'j1' }, 'job failed; retrying'); // a queue worker
    logger.error({ error, cause: new Error('wrapper', { cause: error }) }, 'other keys'); // any key
    logger.error(error as Error); // a bare error
    logger.error(new GraphQLError('Internal', { originalError: error as Error })); // through GraphQL
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain('SECRET');
      expect(line).not.toContain('argon2id');
    }
    const logged = JSON.parse(lines[0]!) as { err: { message: string; cause?: { code?: string } } };
    expect(logged.err.message.startsWith('Failed query: ')).toBe(true);
    expect(logged.err.message).toContain(text);
    expect(logged.err.cause?.code).toBe(code);
    expect(safeErrorText(error)).not.toContain('SECRET');
    expect(safeErrorText(error)).toContain(code);
    // What a failed job stores in Redis (its message and stack) is cleaned the same way.
    stripValues(error);
    expect(`${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain('SECRET');
  });
});
