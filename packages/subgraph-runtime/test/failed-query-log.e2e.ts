import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sql, type DatabaseHandle } from '../src/db.js';
import { createLogger, safeErrorText, stripValues } from '@bookstore/server-core';
import { openTestTarget, type TargetKind } from '../src/testing/index.js';
import { useHarness } from '@bookstore/testing-base';

// A failed statement is logged with its SQL text and Postgres code, never with its values: on
// register, those were the email and the argon2id hash. Real statements fail on both drivers,
// and the lines come from the loggers every process uses.
const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const SECRET = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$SECRET-HASH';
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

describe.each<TargetKind>(['postgres', 'pglite'])('a failed statement on %s', (name) => {
  const fresh = useHarness(async () => {
    const { target, dispose } = await openTestTarget(name, 'failed_query_log');
    return { target, stop: dispose };
  });
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ schema: 'kit_fixture', target: fresh.target, migrationsFolder });
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
