import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { startChild } from '@bookstore/testing-base';

// postgres.js 3.4.9 asks every new connection for the array types first and drops that query's
// promise (porsager/postgres#1192): a backend ended in those first milliseconds, as in a failover
// or a server restart, was an unhandled rejection that ended the subgraph's process.
// db-type-fetch.ts keeps the process serving; this ends exactly that backend, through a proxy.
const fixture = fileURLToPath(new URL('./fixtures/first-connection-killed.ts', import.meta.url));

/**
 * A TCP proxy to PostgreSQL that ends the backend of the first connection named `application`
 * as its client sends the first message after start-up (postgres.js's array-type query), before
 * PostgreSQL sees it: the client learns of the end with that query in flight.
 */
async function killingProxy(upstreamUrl: string, application: string): Promise<{ url: string; kills(): Promise<number>; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  const admin = postgres(upstreamUrl, { max: 1, onnotice: () => {} });
  let armed = true;
  let kills = 0;
  const terminations: Promise<unknown>[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const backend = createConnection({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    for (const socket of [client, backend]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.end());
    let startup: Buffer | undefined = Buffer.alloc(0);
    let target = false;
    let pid: number | undefined;
    let ready = false;
    let fromServer = Buffer.alloc(0);
    backend.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (ready) return;
      fromServer = Buffer.concat([fromServer, chunk]);
      while (fromServer.length >= 5) {
        const length = fromServer.readUInt32BE(1);
        if (fromServer.length < 1 + length) break;
        const type = String.fromCharCode(fromServer[0]!);
        if (type === 'K') pid = fromServer.readUInt32BE(5);
        if (type === 'Z') ready = true;
        fromServer = fromServer.subarray(1 + length);
      }
    });
    client.on('data', (chunk: Buffer) => {
      if (startup) {
        // The start-up message: its length, the protocol, then name/value pairs.
        startup = Buffer.concat([startup, chunk]);
        if (startup.length < 4 || startup.length < startup.readUInt32BE(0)) return;
        const pairs = startup.subarray(8, startup.readUInt32BE(0)).toString('utf8').split('\0');
        target = armed && pairs[pairs.indexOf('application_name') + 1] === application;
        if (target) armed = false;
        backend.write(startup);
        startup = undefined;
        return;
      }
      if (target && ready && pid !== undefined) {
        // Held back, never sent: PostgreSQL ends the backend without having seen the query, and
        // the client learns it from the backend's FATAL and close, relayed as they come.
        target = false;
        terminations.push(admin`select pg_terminate_backend(${pid})`.then(([row]) => void (row?.['pg_terminate_backend'] === true && kills++)));
        return;
      }
      backend.write(chunk);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async kills() {
      await Promise.all(terminations);
      return kills;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await admin.end({ timeout: 5 });
    },
  };
}

describe('a new connection whose backend ends while postgres.js reads the array types (services mode)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('new_connection_killed');
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Runs the fixture through a proxy that ends its pool's first connection; what it printed and its exit code. */
  async function runFixture(mode: 'guarded' | 'unguarded' | 'guarded-then-reject'): Promise<{ code: number | null; output: string; killed: number }> {
    const proxy = await killingProxy(database.url, 'bookstore-kit_fixture');
    try {
      const child = startChild(process.execPath, ['--import', 'tsx', fixture, proxy.url, mode]);
      const [code] = (await once(child.process, 'exit')) as [number | null];
      return { code, output: child.output(), killed: await proxy.kills() };
    } finally {
      await proxy.close();
    }
  }

  it('keeps serving: the query that opened the connection fails, the next one is served', async () => {
    const { code, output, killed } = await runFixture('guarded');
    expect(killed).toBe(1);
    expect(output).toMatch(/attempt 1 failed: 57P01/);
    expect(output).toMatch(/served on attempt \d+/);
    expect(output).toMatch(/PostgreSQL ended a new connection while it was being set up/);
    expect(code).toBe(0);
  }, 120_000);

  it('still ends the process for an unhandled rejection of its own', async () => {
    const { code, output } = await runFixture('guarded-then-reject');
    expect(output).toMatch(/served on attempt \d+/);
    expect(output).toMatch(/an unrelated rejection/);
    expect(code).toBe(1);
  }, 120_000);

  // The reason for the guard: if this starts passing with the guard off, postgres.js handles its
  // array-type query itself (a release with #1192 fixed) and db-type-fetch.ts can go.
  it('without the guard, postgres.js 3.4.9 ends the process', async () => {
    const { code, output, killed } = await runFixture('unguarded');
    expect(killed).toBe(1);
    expect(output).toMatch(/attempt 1 failed: 57P01/);
    expect(output).not.toMatch(/served on attempt/);
    expect(output).toMatch(/PostgresError: terminating connection due to administrator command/);
    expect(code).toBe(1);
  }, 120_000);
});
