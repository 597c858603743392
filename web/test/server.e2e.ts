import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startChild, type ChildService } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ensureSiteBuilt } from '../site.js';

// The storefront's own process (services mode), run as a child process: the built files with
// the same cache headers as embedded mode, and /graphql forwarded over HTTP and WebSocket to an
// upstream standing in for the router (a real HTTP and WebSocket server that echoes what it got).

const webRoot = fileURLToPath(new URL('..', import.meta.url));
let upstream: Server;
let upstreamUrl: string;
let web: ChildService;
let webUrl: string;
let alone: ChildService;
let aloneUrl: string;

async function startWeb(env: Record<string, string>): Promise<[ChildService, string]> {
  const child = startChild(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: webRoot, env: { PORT: '0', ...env } });
  const [, url] = await child.waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+)".*web listening/, 30_000);
  return [child, url!];
}

beforeAll(async () => {
  await ensureSiteBuilt();
  upstream = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { path: req.url, method: req.method, body, forwardedFor: req.headers['x-forwarded-for'] ?? null } }));
    });
  });
  const sockets = new WebSocketServer({ server: upstream, path: '/graphql' });
  sockets.on('connection', (socket, req) => {
    socket.send(JSON.stringify({ protocol: socket.protocol, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
    socket.on('message', (message) => socket.send(`echo ${String(message)}`));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  [[web, webUrl], [alone, aloneUrl]] = await Promise.all([startWeb({ GRAPHQL_UPSTREAM: upstreamUrl }), startWeb({})]);
});

afterAll(async () => {
  await Promise.all([web?.stop(), alone?.stop()]);
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the storefront server', () => {
  it('serves the app with index.html revalidated and hashed assets immutable, client routes included', async () => {
    const index = await fetch(`${webUrl}/account/orders`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${webUrl}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A production build even though this test runs with NODE_ENV=test (vitest's), which would
    // otherwise give React's development runtime, three times the size.
    const code = await asset.text();
    expect(code).not.toContain('jsxDEV');
    // V8 compiles the entry's functions while it downloads (vite.config.ts); it reads the hint only on line 1.
    expect(code.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    expect((await fetch(`${webUrl}/assets/gone-0000.js`)).status).toBe(404);
  });

  it('answers /health, and /ready once the files are there', async () => {
    expect((await fetch(`${webUrl}/health`)).status).toBe(200);
    expect((await fetch(`${webUrl}/ready`)).status).toBe(200);
  });

  it('forwards /graphql over HTTP to GRAPHQL_UPSTREAM, saying whom for', async () => {
    const response = await fetch(`${webUrl}/graphql?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await response.json()).toEqual({ data: { path: '/graphql?x=1', method: 'POST', body: '{"query":"{ __typename }"}', forwardedFor: '127.0.0.1' } });
  });

  it('forwards graphql-ws WebSockets on /graphql', async () => {
    const socket = new WebSocket(`${webUrl.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        messages.push(String(data));
        if (messages.length === 1) socket.send('ping');
        else resolve();
      });
      socket.on('error', reject);
    });
    socket.close();
    expect(JSON.parse(messages[0]!)).toEqual({ protocol: 'graphql-transport-ws', forwardedFor: '127.0.0.1' });
    expect(messages[1]).toBe('echo ping');
  });

  it('without GRAPHQL_UPSTREAM leaves /graphql to the Ingress (404)', async () => {
    expect((await fetch(`${aloneUrl}/graphql`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${aloneUrl}/`)).status).toBe(200);
  });
});
