import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@bookstore/server-core';
import { gql } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded } from '../src/embedded.js';

// Embedded mode as a person runs it: the README's start command on an empty data directory,
// then a second start on the same directory, then a start with a port taken.
const root = fileURLToPath(new URL('../..', import.meta.url));
const logger = createLogger('embedded-test', 'silent');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'embedded-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const BOOK_COUNT = '{ books { totalCount } }';

describe('embedded mode', () => {
  let registeredPassword = '';
  let seededBooks = 0;

  it('starts from an empty data directory with demo data, Sandbox and all subgraphs in one process', async () => {
    expect(await readdir(dataDir)).toEqual([]);
    const child = spawn(process.execPath, ['--import', 'tsx', 'embedded/src/main.ts'], {
      cwd: root,
      // NODE_ENV as a person has it (vitest sets "test", which changes Apollo's signal handling).
      env: { ...process.env, NODE_ENV: 'development', ...freePorts(), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const routerUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Apollo Sandbox and GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`embedded mode exited with ${code}:\n${output}`)));
    });
    try {
      expect(output).toMatch(/users subgraph:/);
      expect(output).toMatch(/catalog subgraph:/);
      expect(output).toMatch(/ADMIN\s+admin\s+admin@demo\.bookstore\.test\s+demo-\S+/);
      const sandbox = await fetch(`${routerUrl}/graphql`, { headers: { accept: 'text/html' } });
      expect(await sandbox.text()).toMatch(/sandbox/i);
      seededBooks = (await gql(routerUrl, BOOK_COUNT)).data?.books.totalCount;
      expect(seededBooks).toBeGreaterThanOrEqual(50);
      const admin = /ADMIN\s+admin\s+\S+\s+(demo-\S+)/.exec(output)![1]!;
      const login = await gql(routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { user { role } } }', { i: { login: 'admin', password: admin } });
      expect(login.data?.login.user.role).toBe('ADMIN');
      registeredPassword = 'a quiet lighthouse keeper 42';
      const reg = await gql(routerUrl, 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', {
        i: { email: 'kept@example.com', username: 'kept_user', password: registeredPassword },
      });
      expect(reg.errors).toBeUndefined();
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('keeps the data when started again, without seeding twice', async () => {
    const app = await startEmbedded(loadConfig({ ...freePorts(), DATA_DIR: dataDir }), logger);
    try {
      const count = (await gql(app.routerUrl, BOOK_COUNT)).data?.books.totalCount;
      expect(count).toBe(seededBooks);
      const login = await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { user { username } } }', {
        i: { login: 'kept@example.com', password: registeredPassword },
      });
      expect(login.data?.login.user.username).toBe('kept_user');
    } finally {
      await app.stop();
    }
  });

  it('refuses to start with a clear message when a port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const config = loadConfig({ PORT: '0', USERS_PORT: '0', CATALOG_PORT: String(port), DATA_DIR: dataDir });
      await expect(startEmbedded(config, logger)).rejects.toThrow(new RegExp(`Port ${port} is already in use, so the catalog subgraph cannot start`));
    } finally {
      blocker.close();
    }
  });
});
