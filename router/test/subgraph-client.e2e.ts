import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SubgraphPool, SubgraphProtocolError, SubgraphTimeoutError } from '../src/subgraph-client.js';

// The router's subgraph client (src/subgraph-client.ts) against a server that writes raw bytes:
// every framing RFC 9112 allows, answers split at awkward places, and the failures it must refuse.

interface Received {
  head: string;
  body: string;
  socket: Socket;
  /** Which connection (0, 1, ...) the request came on. */
  connection: number;
}

/** A TCP server that hands each complete request (Content-Length framed) to `answer`. */
async function rawServer(answer: (request: Received) => void): Promise<{ url: URL; server: Server; connections: () => number; requests: Received[] }> {
  let connections = 0;
  const requests: Received[] = [];
  const server = createServer((socket) => {
    const connection = connections++;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.toString('latin1', 0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const request = { head, body: buffer.toString('utf8', end + 4, end + 4 + length), socket, connection };
        buffer = buffer.subarray(end + 4 + length);
        requests.push(request);
        answer(request);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}`), server, connections: () => connections, requests };
}

const servers: Server[] = [];
const pools: SubgraphPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const server of servers.splice(0)) {
    server.close();
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  }
});

function poolFor(url: URL, options: { connections?: number; idleTimeoutMs?: number } = {}): SubgraphPool {
  const pool = new SubgraphPool(url, { connections: options.connections ?? 8, idleTimeoutMs: options.idleTimeoutMs ?? 60_000 });
  pools.push(pool);
  return pool;
}

/** Writes `bytes` in pieces of `size` bytes, each in its own packet where the kernel allows. */
async function writeInPieces(socket: Socket, bytes: string, size: number): Promise<void> {
  const buffer = Buffer.from(bytes, 'utf8');
  for (let at = 0; at < buffer.length; at += size) {
    socket.write(buffer.subarray(at, at + size));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const post = (pool: SubgraphPool, body = '{"query":"{ a }"}', headers: Record<string, string> = {}, timeoutMs = 10_000) => pool.post('/graphql', { 'content-type': 'application/json', ...headers }, body, timeoutMs);

describe('subgraph client', () => {
  it('sends one POST with the host, the given headers and the UTF-8 length of the body', async () => {
    const { url, requests } = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    await post(poolFor(url), '{"query":"{ é }"}', { authorization: 'Bearer t', 'x-request-id': 'r1' });
    const [request] = requests;
    const lines = request!.head.split('\r\n');
    expect(lines[0]).toBe('POST /graphql HTTP/1.1');
    expect(lines).toEqual(expect.arrayContaining([`host: ${url.host}`, 'content-type: application/json', 'authorization: Bearer t', 'x-request-id: r1', `content-length: ${Buffer.byteLength('{"query":"{ é }"}')}`]));
    expect(request!.body).toBe('{"query":"{ é }"}');
  });

  it('reads a Content-Length answer arriving a byte at a time, a character split across packets included', async () => {
    const body = '{"data":{"title":"Crime et châtiment — Достоевский"}}';
    const { url } = await rawServer(({ socket }) =>
      void writeInPieces(socket, `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: max-age=5\r\nX-Twice: a\r\nX-Twice: b\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 1),
    );
    const answer = await post(poolFor(url));
    expect(answer).toEqual({ status: 200, headers: new Map([['content-type', 'application/json'], ['cache-control', 'max-age=5'], ['x-twice', 'a, b'], ['content-length', String(Buffer.byteLength(body))]]), body });
  });

  it('reads a chunked answer with chunk extensions and trailers, split every three bytes', async () => {
    const { url } = await rawServer(({ socket }) => void writeInPieces(socket, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\n{"dat\r\nB\r\na":{"a":1}}\r\n0\r\nX-Trailer: yes\r\n\r\n', 3));
    const pool = poolFor(url);
    expect((await post(pool)).body).toBe('{"data":{"a":1}}');
  });

  it('keeps a connection alive for the next request, and opens a new one after Connection: close', async () => {
    let closeNext = false;
    const { url, connections } = await rawServer(({ socket }) => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n${closeNext ? 'connection: close\r\n' : ''}\r\n{}`));
    const pool = poolFor(url);
    await post(pool);
    await post(pool);
    expect(connections()).toBe(1);
    closeNext = true;
    await post(pool);
    await post(pool);
    expect(connections()).toBe(2);
  });

  it('does not reuse a connection idle past idleTimeoutMs, nor one whose server Keep-Alive timeout is a second from ending', async () => {
    const { url, connections } = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    const pool = poolFor(url, { idleTimeoutMs: 10 });
    await post(pool);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the idle window passing is the condition under test
    await post(pool);
    expect(connections()).toBe(2);
    const again = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=1\r\n\r\n{}'));
    const short = poolFor(again.url);
    await post(short);
    await post(short);
    expect(again.connections()).toBe(2); // a one-second server timeout leaves nothing to keep
  });

  it('closes a connection the server closed while idle, and answers the next request on a new one', async () => {
    const { url, connections, requests } = await rawServer(({ socket }) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    const pool = poolFor(url);
    await post(pool);
    await once(requests[0]!.socket, 'close');
    await post(pool);
    expect(connections()).toBe(2);
  });

  it('reads an answer framed by the connection closing, and a final answer after an interim 100', async () => {
    const { url } = await rawServer(({ socket }) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{"data":{"a":2}}'));
    expect((await post(poolFor(url))).body).toBe('{"data":{"a":2}}');
    const interim = await rawServer(({ socket }) => socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    expect(await post(poolFor(interim.url))).toMatchObject({ status: 200, body: '{}' });
  });

  it('reads a 204 and a non-2xx answer with their status', async () => {
    let status = 204;
    const { url, connections } = await rawServer(({ socket }) => socket.write(status === 204 ? 'HTTP/1.1 204 No Content\r\n\r\n' : 'HTTP/1.1 429 Too Many Requests\r\ncontent-length: 2\r\n\r\n{}'));
    const pool = poolFor(url);
    expect(await post(pool)).toMatchObject({ status: 204, body: '' });
    status = 429;
    expect(await post(pool)).toMatchObject({ status: 429, body: '{}' });
    expect(connections()).toBe(1);
  });

  it.each([
    ['differing Content-Length values', 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}'],
    ['a status line that is not HTTP/1.x', 'HTTP/2 200 OK\r\ncontent-length: 2\r\n\r\n{}'],
    ['whitespace before a header colon', 'HTTP/1.1 200 OK\r\ncontent-length : 2\r\n\r\n{}'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'],
    ['a chunk without its CRLF', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n'],
  ])('refuses an answer with %s, and does not reuse its connection', async (_, answer) => {
    let next = answer;
    const { url, connections } = await rawServer(({ socket }) => socket.write(next));
    const pool = poolFor(url);
    await expect(post(pool)).rejects.toBeInstanceOf(SubgraphProtocolError);
    next = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}';
    expect((await post(pool)).body).toBe('{}');
    expect(connections()).toBe(2);
  });

  it('fails a request whose connection closes before the answer ends, and one with no answer within its timeout', async () => {
    const { url } = await rawServer(({ socket }) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{}'));
    await expect(post(poolFor(url))).rejects.toThrow(/closed the connection before its answer ended/);
    const silent = await rawServer(() => undefined);
    const error = await post(poolFor(silent.url), undefined, {}, 200).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubgraphTimeoutError);
    await once(silent.requests[0]!.socket, 'close'); // and the connection is given up
  });

  it('does not reuse a connection that carried bytes after the answer', async () => {
    const { url, connections } = await rawServer(({ socket, connection }) => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}${connection === 0 ? 'junk' : ''}`));
    const pool = poolFor(url);
    await post(pool);
    await post(pool);
    expect(connections()).toBe(2);
  });

  it('refuses a header value that would split the request, or a name that is not a token, naming the header and sending nothing', async () => {
    const { url, requests } = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    const pool = poolFor(url);
    await expect(post(pool, undefined, { 'x-request-id': 'a\r\nx-injected: 1' })).rejects.toThrow(/^Header "x-request-id" cannot be sent/);
    await expect(post(pool, undefined, { 'x-trace': 'ok', 'x-note': 'nul\0' })).rejects.toThrow(/^Header "x-note" cannot be sent/);
    await expect(post(pool, undefined, { 'x bad': '1' })).rejects.toBeInstanceOf(TypeError);
    // A name seen before is not checked again, but its value still is.
    await expect(post(pool, undefined, { 'x-request-id': 'b\nx-injected: 1' })).rejects.toThrow(/^Header "x-request-id"/);
    expect(requests).toHaveLength(0);
  });

  it('opens at most `connections` connections; further requests wait for a free one', async () => {
    const { url, connections, requests } = await rawServer(() => undefined);
    const pool = poolFor(url, { connections: 2 });
    const answers = Array.from({ length: 5 }, (_, i) => post(pool, `{"query":"{ a${i} }"}`));
    await expect.poll(() => requests.length, { timeout: 30_000 }).toBe(2);
    // Answer whatever has arrived until all five were served.
    let answered = 0;
    while (answered < 5) {
      await expect.poll(() => requests.length, { timeout: 30_000 }).toBeGreaterThan(answered);
      requests[answered++]!.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
    }
    expect((await Promise.all(answers)).map((answer) => answer.body)).toEqual(['{}', '{}', '{}', '{}', '{}']);
    expect(connections()).toBe(2);
  });

  it('closes idle connections on close() and refuses requests after it', async () => {
    const { url, requests } = await rawServer(({ socket }) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}'));
    const pool = poolFor(url);
    await post(pool);
    const closed = once(requests[0]!.socket, 'close');
    await pool.close();
    await closed;
    await expect(post(pool)).rejects.toThrow(/closed/);
  });

  it('speaks TLS to an https: subgraph and verifies its certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'subgraph-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      const server = createTlsServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (socket) => {
        socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 15\r\n\r\n{"data":"tls"}\n'));
        socket.on('error', () => undefined);
      });
      servers.push(server as unknown as Server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const url = `https://localhost:${(server.address() as AddressInfo).port}`;
      // Not trusted by this process: refused during the handshake.
      await expect(post(poolFor(new URL(url)))).rejects.toThrow(/self[- ]signed/i);
      // Trusted by a process started with the certificate as an extra CA: answered.
      const client = fileURLToPath(new URL('../src/subgraph-client.ts', import.meta.url));
      const script = `const { SubgraphPool } = await import(${JSON.stringify(client)}); const pool = new SubgraphPool(new URL(${JSON.stringify(url)}), { connections: 1, idleTimeoutMs: 1000 }); const answer = await pool.post('/graphql', {}, '{}', 10000); await pool.close(); process.stdout.write(answer.body);`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') }, timeout: 60_000 });
      expect(stdout).toBe('{"data":"tls"}\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
