import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * Serves a built single-page app (the storefront's `web/dist`) from one folder:
 * - files under `/assets/` have content hashes in their names, so they are cached for a year
 *   (`immutable`); a missing one is 404, never the app (a stale page asking for an old chunk
 *   must fail loudly, not receive HTML as JavaScript);
 * - every other file, index.html above all, is `no-cache` (revalidated with its ETag), so a
 *   new deploy reaches browsers at once;
 * - a path without a file extension that names no file is a client route: index.html;
 * - text is compressed (brotli or gzip, as the browser accepts), once per file version.
 * Only GET and HEAD reach it; `/graphql`, `/health` and `/ready` belong to the server.
 */
export interface StaticSiteOptions {
  /** The folder holding index.html and assets/. */
  dir: string;
  /** Headers added to index.html (e.g. a Content-Security-Policy); default `defaultSiteHeaders`. */
  htmlHeaders?: Record<string, string>;
  /**
   * The folder is still being built (embedded mode starts before the storefront's build ends):
   * until this settles every page and file answers 503 with a plain message and Retry-After
   * (`BUILDING_RETRY_AFTER_S`); once it rejects, 503 saying the build failed. Default: built.
   */
  built?: Promise<unknown>;
}

/** Retry-After while the site is being built: a Vite build takes a few seconds. */
export const BUILDING_RETRY_AFTER_S = 3;

export type StaticSiteHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/**
 * The storefront talks to its own origin only: scripts and styles from here, GraphQL over
 * HTTP and WebSocket here, cover images from anywhere over HTTPS (books may name a cover URL).
 * Inline style attributes are allowed (React sets widths of rating bars); inline scripts are not.
 */
export const defaultSiteHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest']);

/** Paths that belong to the server, never to the app's client routes. */
const SERVER_PATHS = new Set(['/graphql', '/health', '/ready', '/metrics']);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface Loaded {
  body: Buffer;
  etag: string;
  encodings: Map<string, Buffer>;
}

export function staticSite(options: StaticSiteOptions): StaticSiteHandler {
  const root = resolve(options.dir);
  const htmlHeaders = options.htmlHeaders ?? defaultSiteHeaders;
  // Files by absolute path and version (size and mtime): read and compressed once.
  const cache = new Map<string, { version: string; loaded: Loaded }>();
  let state: SiteState = options.built ? 'building' : 'built';
  options.built?.then(
    () => (state = 'built'),
    () => (state = 'failed'),
  );

  async function load(file: string): Promise<Loaded | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const version = `${info.size}-${info.mtimeMs}`;
    const cached = cache.get(file);
    if (cached?.version === version) return cached.loaded;
    const body = await readFile(file);
    const loaded: Loaded = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, encodings: new Map() };
    cache.set(file, { version, loaded });
    return loaded;
  }

  /** The file a URL path names inside the folder, or undefined when it would leave it. */
  function fileOf(path: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = resolve(join(root, decoded));
    return file === root || file.startsWith(root + sep) ? file : undefined;
  }

  return async (req, res, path) => {
    // A server's own path that reaches here is on the wrong port (`/metrics` has one of its own):
    // 404 whatever the build's state. Answered 503 while the build had not settled, a scraper
    // would read "retry later" for "never here", and so did the observability test whenever its
    // first request beat the freshness check of web/dist (a walk of web/src on the thread pool),
    // which a loaded machine can hold up past the router's start.
    if (SERVER_PATHS.has(path)) return notFound(req, res);
    if (state !== 'built') return unavailable(req, res, state);
    const isAsset = path.startsWith('/assets/');
    const named = path === '/' ? undefined : fileOf(path);
    let file = named;
    let loaded = file ? await load(file) : undefined;
    // Client routes (no extension) get the app; a missing asset or file is a 404.
    if (!loaded && !isAsset && (path === '/' || (named !== undefined && extname(path) === ''))) {
      file = join(root, 'index.html');
      loaded = await load(file);
    }
    if (!loaded || !file) return notFound(req, res);
    const extension = extname(file).toLowerCase();
    const headers: Record<string, string> = {
      'content-type': contentTypes[extension] ?? 'application/octet-stream',
      'cache-control': isAsset ? IMMUTABLE : REVALIDATE,
      etag: loaded.etag,
      'x-content-type-options': 'nosniff',
      ...(extension === '.html' ? htmlHeaders : {}),
    };
    if (compressible.has(extension)) headers['vary'] = 'accept-encoding';
    if (req.headers['if-none-match'] === loaded.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    let body = loaded.body;
    const encoding = compressible.has(extension) && body.length > 1024 ? chooseEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding) {
      let encoded = loaded.encodings.get(encoding);
      if (!encoded) {
        encoded = encoding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10 } }) : gzipSync(body, { level: 9 });
        loaded.encodings.set(encoding, encoded);
      }
      body = encoded;
      headers['content-encoding'] = encoding;
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

type SiteState = 'building' | 'built' | 'failed';

function notFound(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE, 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : 'Not found');
}

/** 503 while there is nothing whole to serve: never a page of the old build with files of the new. */
function unavailable(req: IncomingMessage, res: ServerResponse, state: Exclude<SiteState, 'built'>): void {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  let body: string;
  switch (state) {
    case 'building':
      headers['retry-after'] = String(BUILDING_RETRY_AFTER_S);
      body = 'The storefront is being built; reload in a few seconds. The GraphQL API (/graphql) already answers.\n';
      break;
    case 'failed':
      body = "The storefront's build failed; the server's console shows why. The GraphQL API (/graphql) answers.\n";
      break;
    default:
      // Not UnreachableCaseError: errors.ts imports graphql, which the web image's server never loads.
      throw new Error(`unknown site state ${state satisfies never}`);
  }
  res.writeHead(503, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function chooseEncoding(accept: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  const offered = new Set(
    value
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => q?.trim() !== 'q=0')
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (offered.has('br')) return 'br';
  if (offered.has('gzip')) return 'gzip';
  return undefined;
}
