// The storefront's own process in services mode: web/dist with kit's static-site handler (the
// same cache headers as embedded mode), /health and /ready, and, with GRAPHQL_UPSTREAM, /graphql
// forwarded to the router over HTTP and WebSocket. No state, no secrets: any number of replicas.
import { existsSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { staticSite } from '@bookstore/server-core/static-site';
import { createProxyServer } from 'httpxy';
import { loadConfig } from './config.js';

const config = loadConfig();
// In a bundle, scripts/build.ts copies web/dist beside main.mjs and points this at it.
const siteDir = fileURLToPath(new URL('../dist/', import.meta.url));
const site = staticSite({ dir: siteDir });
const upstream = config.GRAPHQL_UPSTREAM;
// x-forwarded-for names the browser to the router (which trusts it from TRUSTED_PROXIES only).
const proxy = upstream ? createProxyServer({ target: upstream, ws: true, xfwd: true, proxyTimeout: 60_000 }) : undefined;
let draining = false;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health') return json(res, 200, { status: 'ok' });
  if (path === '/ready') return json(res, !draining && existsSync(`${siteDir}index.html`) ? 200 : 503, { status: draining ? 'draining' : 'ready' });
  if (path === '/graphql') {
    if (!proxy) return json(res, 404, { error: 'GraphQL is served by the router.' });
    return void proxy.web(req, res).catch(() => (res.headersSent ? res.destroy() : json(res, 502, { errors: [{ message: 'The API cannot be reached.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] })));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Method not allowed' });
  site(req, res, path).catch(() => (res.headersSent ? res.destroy() : json(res, 500, { error: 'Internal server error' })));
});
server.on('upgrade', (req, socket, head) => {
  if (!proxy || new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') return socket.destroy();
  proxy.ws(req, socket as Socket, {}, head).catch(() => socket.destroy());
});
proxy?.on('error', () => undefined);

server.listen(config.PORT, config.HOST, () => {
  const address = server.address() as AddressInfo;
  // One JSON line, as the other processes log (pino's shape).
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), name: 'web', url: `http://${config.HOST}:${address.port}`, upstream: upstream ?? null, msg: 'web listening' })}\n`);
});

// SIGTERM: not ready, finish what is in flight, exit (Kubernetes has stopped sending traffic by then).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    draining = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
