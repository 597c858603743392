import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@bookstore/server-core';
import { gql, startChild, useTempDir, type ChildService } from '@bookstore/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded } from '../src/embedded.js';

// Two `npm start`s on one data directory used to both run, each seeing only its own writes,
// and lose data when they stopped. Now the second stops at once, naming the first; and a first
// that was killed with SIGKILL does not block the next start.
const root = fileURLToPath(new URL('../..', import.meta.url));
const ZERO_PORTS = freePorts();
const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { user { username } } }';
const PASSWORD = 'one directory one process 7';
const dataDir = useTempDir('one-process-');
const children: ChildService[] = [];

afterAll(async () => {
  await Promise.all(children.map((child) => child.kill()));
});

/** `npm start` as a person runs it (NODE_ENV as a person has it; vitest sets "test"). */
function npmStart(): ChildService {
  const child = startChild(process.execPath, ['--import', 'tsx', 'embedded/src/main.ts'], {
    cwd: root,
    env: { ...ZERO_PORTS, NODE_ENV: 'development', DATA_DIR: dataDir.path, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
  });
  children.push(child);
  return child;
}

async function exitCode(child: ChildService): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) await once(child.process, 'exit');
  return child.process.exitCode;
}

describe('one data directory, one process', () => {
  it('stops a second start on the same directory, naming the running one, which keeps serving', async () => {
    const first = npmStart();
    const routerUrl = (await first.waitFor(/Apollo Sandbox and GraphQL:\s+(http:\/\/\S+)\/graphql/, 120_000))[1]!;
    expect((await gql(routerUrl, REGISTER, { i: { email: 'first@example.com', username: 'first_one', password: PASSWORD } })).errors).toBeUndefined();

    const second = npmStart();
    await second.waitFor(/is in use by another|Apollo Sandbox and GraphQL/, 120_000);
    const pgliteDir = join(dataDir.path, 'pglite');
    expect(second.output()).toContain(`${pgliteDir} is in use by another bookstore process: pid ${first.process.pid}`);
    expect(await exitCode(second)).toBe(1);
    expect(second.output()).toContain(`serving ${routerUrl.replace('localhost', '127.0.0.1')}/graphql`);
    expect(second.output()).toMatch(/Stop that process first, or set DATA_DIR to another directory\./);
    expect(second.output()).not.toMatch(/\n\s+at /); // a message for a person, not a stack

    // The first is untouched: it still reads and writes.
    expect((await gql(routerUrl, LOGIN, { i: { login: 'first_one', password: PASSWORD } })).data?.login.user.username).toBe('first_one');
    expect((await gql(routerUrl, REGISTER, { i: { email: 'second@example.com', username: 'second_one', password: PASSWORD } })).errors).toBeUndefined();

    // Killed without a chance to clean up, it leaves its lock file; the next start takes over and finds every write.
    await first.kill();
    const again = await startEmbedded(loadConfig({ ...ZERO_PORTS, DATA_DIR: dataDir.path, SEED_DEMO_DATA: 'false' }), createLogger('one-process-test', 'silent'));
    try {
      for (const username of ['first_one', 'second_one']) {
        expect((await gql(again.routerUrl, LOGIN, { i: { login: username, password: PASSWORD } })).data?.login.user.username).toBe(username);
      }
      // In one process too, a second start on the directory is refused.
      await expect(startEmbedded(loadConfig({ ...ZERO_PORTS, DATA_DIR: dataDir.path, SEED_DEMO_DATA: 'false' }), createLogger('one-process-test', 'silent'))).rejects.toThrow(/is in use by another bookstore process: pid \d+ \(this process\)/);
    } finally {
      await again.stop();
    }
  }, 240_000);
});
