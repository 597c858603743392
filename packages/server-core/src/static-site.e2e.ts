import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { HttpService } from './service.js';
import { staticSite } from './static-site.js';

let dir: string;
let service: HttpService;
let base: string;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'static-site-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>shop</title>');
  await writeFile(join(dir, 'assets', 'main-abc123.js'), script);
  await writeFile(join(dir, 'robots.txt'), 'User-agent: *');
  await writeFile(join(tmpdir(), 'static-site-secret.txt'), 'secret');
  service = new HttpService({
    name: 'site test',
    logger: createLogger('test', 'silent'),
    graphql: async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"graphql":true}}');
    },
    site: staticSite({ dir }),
  });
  base = await service.listen(0);
});
afterAll(async () => {
  await service?.stop(async () => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (fetch would normalise `..`). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.path = path;
    req.end();
  });
}

describe('static site', () => {
  it('serves index.html at / and at client routes, revalidated on every visit, with a CSP', async () => {
    for (const path of ['/', '/books/123', '/account/orders?x=1']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.body.toString()).toContain('<title>shop</title>');
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets immutable for a year, compressed when the browser accepts it', async () => {
    const plain = await get('/assets/main-abc123.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.body.toString()).toBe(script);
    const compressed = await get('/assets/main-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['vary']).toBe('accept-encoding');
    expect(brotliDecompressSync(compressed.body).toString()).toBe(script);
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await get('/');
    const again = await get('/', { 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers 404 for a missing asset or file, and for /metrics (served on its own port), never the app', async () => {
    for (const path of ['/assets/main-old999.js', '/assets/', '/favicon.ico', '/missing.txt', '/metrics']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body.toString()).not.toContain('<title>');
    }
    expect((await get('/robots.txt')).body.toString()).toBe('User-agent: *');
  });

  it('never serves a file outside its folder', async () => {
    for (const path of ['/../static-site-secret.txt', '/%2e%2e/static-site-secret.txt', '/assets/..%2f..%2fstatic-site-secret.txt', '/%00']) {
      const response = await get(path);
      expect(response.body.toString(), path).not.toContain('secret');
    }
  });

  it('leaves /graphql, /health and /ready to the server, and HEAD sends no body', async () => {
    expect(JSON.parse((await get('/graphql')).body.toString())).toEqual({ data: { graphql: true } });
    expect((await get('/health')).status).toBe(200);
    expect((await get('/ready')).status).toBe(200);
    const head = await get('/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe('a static site still being built', () => {
  /** A server whose site folder is `dir` and whose build ends when the test says. */
  async function serveWhileBuilding(built: Promise<unknown>): Promise<{ url: string; stop: () => Promise<void> }> {
    const building = new HttpService({
      name: 'site being built',
      logger: createLogger('test', 'silent'),
      graphql: async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"graphql":true}}');
      },
      site: staticSite({ dir, built }),
    });
    return { url: await building.listen(0), stop: () => building.stop(async () => undefined) };
  }

  it('answers 503 with Retry-After on every page and file until the build ends, while the server answers; then serves the site', async () => {
    let finish!: () => void;
    const built = new Promise<void>((resolve) => (finish = resolve));
    const server = await serveWhileBuilding(built);
    try {
      for (const path of ['/', '/books/123', '/assets/main-abc123.js', '/robots.txt']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(503);
        expect(response.headers.get('retry-after'), path).toBe('3');
        expect(response.headers.get('cache-control'), path).toBe('no-store');
        expect(response.headers.get('content-type'), path).toBe('text/plain; charset=utf-8');
        expect(await response.text(), path).toBe('The storefront is being built; reload in a few seconds. The GraphQL API (/graphql) already answers.\n');
      }
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/graphql`, { method: 'POST' })).json()).toEqual({ data: { graphql: true } });
      // A server's path on the wrong port is 404 whatever the build's state, never "retry later".
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      finish();
      await built;
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>shop</title>');
      expect((await fetch(`${server.url}/assets/main-abc123.js`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('says the build failed, without Retry-After, once it has', async () => {
    const built = Promise.reject(new Error('vite failed'));
    built.catch(() => undefined);
    const server = await serveWhileBuilding(built);
    try {
      await built.catch(() => undefined);
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(await response.text()).toBe("The storefront's build failed; the server's console shows why. The GraphQL API (/graphql) answers.\n");
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
