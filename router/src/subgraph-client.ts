import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * The router's HTTP/1.1 client for subgraph requests: keep-alive connections per origin, one
 * POST of a JSON body at a time on each, the answer read whole. It replaces undici's Pool because
 * a subgraph call is one narrow shape and undici's generality cost the router most of its client
 * CPU: a bare node:http proxy spent 0.17-0.20 ms per request with undici and 0.10-0.11 ms with a
 * client of this kind (README, Performance). It speaks RFC 9112's framing in full (Content-Length,
 * chunked with extensions and trailers, read-until-close, 1xx interim answers, Keep-Alive hints)
 * and refuses anything it cannot frame rather than guessing.
 */

/** A subgraph's complete answer. */
export interface SubgraphHttpResponse {
  status: number;
  /** By name in lower case; repeated headers joined with ", ". A Map: an object with a key per name made every lookup megamorphic (1.2% of the router's CPU). */
  headers: Map<string, string>;
  body: string;
}

export interface SubgraphPoolOptions {
  /** Most open connections to the origin; beyond it, requests wait for one to be free. */
  connections: number;
  /**
   * A connection idle this long is not used again, in ms; nor once the server's `Keep-Alive:
   * timeout=` is less than a second from ending, so a request is never written to a connection
   * the server is closing. (Idle connections close after the request timeout without traffic,
   * or when the server closes them.)
   */
  idleTimeoutMs: number;
}

/** No byte of the subgraph's answer came for the request's timeout (waiting for its head, or between two parts of its body). */
export class SubgraphTimeoutError extends Error {
  constructor(origin: string, timeoutMs: number) {
    super(`No answer from ${origin} for ${timeoutMs} ms.`);
    this.name = 'SubgraphTimeoutError';
  }
}

/** The subgraph's answer could not be read as HTTP/1.1. */
export class SubgraphProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubgraphProtocolError';
  }
}

/** Longest response head accepted (Node's own server limit is 16 KiB). */
const MAX_HEAD_BYTES = 64 * 1024;
/** Longest chunk-size line or trailer line accepted. */
const MAX_LINE_BYTES = 8 * 1024;
/** RFC 9110 token characters, for header names. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Octets no header value may carry (request splitting). */
const UNSAFE_VALUE = /[\r\n\0]/;
/** Header names already checked against TOKEN: the router sends the same few on every request. */
const checkedNames = new Set<string>();
const CHECKED_NAMES_MAX = 100;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

/** Keep-alive connections to one origin (http: or https:). */
export class SubgraphPool {
  private readonly idle: Connection[] = [];
  private readonly waiting: ((connection: Connection) => void)[] = [];
  private open = 0;
  private closing: { resolve: () => void; done: Promise<void> } | undefined;
  private readonly host: string;

  constructor(
    private readonly origin: URL,
    private readonly options: SubgraphPoolOptions,
  ) {
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new TypeError(`A subgraph URL must be http: or https:, not ${origin.protocol}`);
    this.host = origin.host;
  }

  /** POSTs `body` to `path` and reads the whole answer; rejects on a connection error, a timeout or an answer that is not HTTP/1.1. */
  async post(path: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SubgraphHttpResponse> {
    if (this.closing) throw new Error('The subgraph client is closed.');
    const head = requestHead(path, this.host, headers, Buffer.byteLength(body));
    const connection = await this.acquire();
    return connection.send(head + body, timeoutMs);
  }

  /** Closes idle connections now and each busy one once its answer is read. */
  async close(): Promise<void> {
    if (!this.closing) {
      let resolve!: () => void;
      const done = new Promise<void>((settle) => (resolve = settle));
      this.closing = { resolve, done };
      for (const connection of this.idle.splice(0)) connection.destroy();
      if (this.open === 0) resolve();
    }
    await this.closing.done;
  }

  private acquire(): Promise<Connection> {
    const now = Date.now();
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (idle.restUntil > now && !idle.ended) return Promise.resolve(idle);
      idle.destroy();
    }
    if (this.open < this.options.connections) return Promise.resolve(this.connect());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private connect(): Connection {
    this.open++;
    const port = Number(this.origin.port) || (this.origin.protocol === 'https:' ? 443 : 80);
    const host = this.origin.hostname.replace(/^\[|\]$/g, '');
    const socket =
      this.origin.protocol === 'https:' ? connectTls({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, ALPNProtocols: ['http/1.1'] }) : connectTcp({ host, port });
    return new Connection(socket, this.origin.origin, {
      released: (connection, reusable, idleMs) => this.released(connection, reusable, idleMs),
      closed: (connection) => this.closed(connection),
    });
  }

  /** A connection whose answer was read: the next waiting request takes it, else it rests. */
  private released(connection: Connection, reusable: boolean, idleMs: number | undefined): void {
    const restMs = Math.min(this.options.idleTimeoutMs, idleMs ?? Infinity);
    // (A zero timeout would be none at all: a connection the server closes at once is not kept.)
    if (!reusable || this.closing || restMs <= 0) return connection.destroy();
    const next = this.waiting.shift();
    if (next) return next(connection);
    connection.rest(restMs);
    this.idle.push(connection);
  }

  private closed(connection: Connection): void {
    this.open--;
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    // A request waiting for a free connection gets a new one in its place.
    const next = this.waiting.shift();
    if (next) next(this.connect());
    else if (this.closing && this.open === 0) this.closing.resolve();
  }
}

function requestHead(path: string, host: string, headers: Record<string, string>, length: number): string {
  let head = `POST ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
  // The values are checked together, once: one regular expression run instead of one per header.
  let values = '';
  for (const name in headers) {
    const value = headers[name]!;
    if (!checkedNames.has(name)) {
      if (!TOKEN.test(name)) throw new UnsafeHeaderError(name);
      if (checkedNames.size < CHECKED_NAMES_MAX) checkedNames.add(name);
    }
    values += value;
    head += `${name}: ${value}\r\n`;
  }
  if (UNSAFE_VALUE.test(values)) throw new UnsafeHeaderError(Object.keys(headers).find((name) => UNSAFE_VALUE.test(headers[name]!))!);
  return `${head}content-length: ${length}\r\n\r\n`;
}

class UnsafeHeaderError extends TypeError {
  constructor(name: string) {
    super(`Header ${JSON.stringify(name)} cannot be sent: its name is not a token or its value holds CR, LF or NUL.`);
  }
}

interface PoolHooks {
  released: (connection: Connection, reusable: boolean, idleMs: number | undefined) => void;
  closed: (connection: Connection) => void;
}

/** How the body of the answer being read is framed, once its head is read. */
type Framing =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-end' }
  | { kind: 'trailers' }
  | { kind: 'until-close' };

interface Pending {
  resolve: (response: SubgraphHttpResponse) => void;
  reject: (error: Error) => void;
  timeoutMs: number;
  status: number;
  headers: Map<string, string>;
  parts: Buffer[];
  framing: Framing;
  keepAlive: boolean;
  idleMs: number | undefined;
}

/** One socket to the subgraph and the one request on it at a time. */
class Connection {
  /** Until when (Date.now()) an idle connection may be taken again. */
  restUntil = 0;
  private pending: Pending | undefined;
  private timeoutMs = 0;
  /** The server ended its side (or the socket closed): never written to again. */
  ended = false;
  /** Received bytes not parsed yet. */
  private buffer: Buffer = EMPTY;
  private destroyed = false;

  constructor(
    private readonly socket: Socket,
    private readonly origin: string,
    private readonly hooks: PoolHooks,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('timeout', () => this.fail(this.pending ? new SubgraphTimeoutError(origin, this.pending.timeoutMs) : undefined));
    socket.on('error', (error: Error) => this.fail(error));
    socket.on('end', () => (this.ended = true));
    socket.on('close', () => this.socketClosed());
  }

  send(request: string, timeoutMs: number): Promise<SubgraphHttpResponse> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, timeoutMs, status: 0, headers: new Map(), parts: [], framing: { kind: 'head' }, keepAlive: true, idleMs: undefined };
      // One inactivity timer per socket, reset by every read and write: the bound on waiting for
      // an answer's head and between parts of its body, and what closes a long-idle connection.
      if (timeoutMs !== this.timeoutMs) this.socket.setTimeout((this.timeoutMs = timeoutMs));
      this.socket.write(request);
    });
  }

  /** Idle in the pool: not taken again after `idleMs`. */
  rest(idleMs: number): void {
    this.restUntil = Date.now() + idleMs;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    if (!this.pending) return this.fail(undefined); // bytes nobody asked for: the connection cannot be trusted
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.parse(this.pending);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** Consumes what it can of the buffer; completes the request once its answer has ended. */
  private parse(pending: Pending): void {
    for (;;) {
      const framing = pending.framing;
      switch (framing.kind) {
        case 'head': {
          const end = this.buffer.indexOf(HEAD_END);
          if (end < 0) {
            if (this.buffer.length > MAX_HEAD_BYTES) throw new SubgraphProtocolError(`The answer's head is longer than ${MAX_HEAD_BYTES} bytes.`);
            return;
          }
          const head = this.buffer.toString('latin1', 0, end);
          this.buffer = this.buffer.subarray(end + 4);
          readHead(head, pending);
          if (pending.framing.kind === 'head') continue; // an interim (1xx) answer: the final one follows
          if (pending.framing.kind === 'length' && pending.framing.remaining === 0) return this.complete(pending);
          continue;
        }
        case 'length':
        case 'chunk-data': {
          if (this.buffer.length === 0) return;
          const take = Math.min(framing.remaining, this.buffer.length);
          pending.parts.push(this.buffer.subarray(0, take));
          this.buffer = this.buffer.subarray(take);
          framing.remaining -= take;
          if (framing.remaining > 0) return;
          if (framing.kind === 'length') return this.complete(pending);
          pending.framing = { kind: 'chunk-end' };
          continue;
        }
        case 'chunk-size': {
          const line = this.line();
          if (line === undefined) return;
          const size = line.split(';', 1)[0]!.trim();
          if (!/^[0-9a-fA-F]{1,8}$/.test(size)) throw new SubgraphProtocolError('The answer has an invalid chunk size.');
          const remaining = Number.parseInt(size, 16);
          pending.framing = remaining === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining };
          continue;
        }
        case 'chunk-end': {
          if (this.buffer.length < 2) return;
          if (this.buffer[0] !== 0x0d || this.buffer[1] !== 0x0a) throw new SubgraphProtocolError('A chunk of the answer does not end with CRLF.');
          this.buffer = this.buffer.subarray(2);
          pending.framing = { kind: 'chunk-size' };
          continue;
        }
        case 'trailers': {
          const line = this.line();
          if (line === undefined) return;
          if (line === '') return this.complete(pending);
          continue; // trailer fields carry nothing the router reads
        }
        case 'until-close':
          if (this.buffer.length > 0) pending.parts.push(this.buffer);
          this.buffer = EMPTY;
          return;
      }
    }
  }

  /** The next CRLF-terminated line (without it), or undefined until it has arrived. */
  private line(): string | undefined {
    const end = this.buffer.indexOf(CRLF);
    if (end < 0) {
      if (this.buffer.length > MAX_LINE_BYTES) throw new SubgraphProtocolError(`A line of the answer is longer than ${MAX_LINE_BYTES} bytes.`);
      return undefined;
    }
    const line = this.buffer.toString('latin1', 0, end);
    this.buffer = this.buffer.subarray(end + 2);
    return line;
  }

  private complete(pending: Pending): void {
    this.pending = undefined;
    const body = pending.parts.length === 1 ? pending.parts[0]!.toString('utf8') : Buffer.concat(pending.parts).toString('utf8');
    // Bytes after the answer were never asked for: such a connection is not reused.
    const reusable = pending.keepAlive && this.buffer.length === 0 && !this.ended;
    this.buffer = EMPTY;
    pending.resolve({ status: pending.status, headers: pending.headers, body });
    this.hooks.released(this, reusable, pending.idleMs);
  }

  /** Fails the request in flight, if any, and closes the connection. */
  private fail(error: Error | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) pending.reject(error ?? new SubgraphProtocolError('The connection failed.'));
    this.destroy();
  }

  private socketClosed(): void {
    this.destroyed = true;
    this.ended = true;
    const pending = this.pending;
    if (pending?.framing.kind === 'until-close') this.complete({ ...pending, keepAlive: false });
    else if (pending) {
      this.pending = undefined;
      pending.reject(new SubgraphProtocolError(`${this.origin} closed the connection before its answer ended.`));
    }
    this.hooks.closed(this);
  }
}

/** Reads a response head into `pending`: status, headers, and how its body is framed (RFC 9112, section 6.3). */
function readHead(head: string, pending: Pending): void {
  let end = head.indexOf('\r\n');
  if (end < 0) end = head.length;
  const code = statusOf(head, end);
  const headers = new Map<string, string>();
  while (end < head.length) {
    const start = end + 2;
    end = head.indexOf('\r\n', start);
    if (end < 0) end = head.length;
    const colon = head.indexOf(':', start);
    // A name is at least one character with no whitespace before the colon (RFC 9112, 5.1).
    if (colon <= start || colon > end || head.charCodeAt(colon - 1) <= 0x20) throw new SubgraphProtocolError('The answer has a malformed header line.');
    const name = head.slice(start, colon).toLowerCase();
    const value = head.slice(colon + 1, end).trim();
    const earlier = headers.get(name);
    headers.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  if (code < 200) {
    if (code === 101) throw new SubgraphProtocolError('The subgraph switched protocols.');
    return; // interim: framing stays 'head'
  }
  pending.status = code;
  pending.headers = headers;
  const connection = headers.get('connection')?.toLowerCase() ?? '';
  pending.keepAlive = head.charCodeAt(7) === 0x31 /* HTTP/1.1 */ ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
  const keepAlive = headers.get('keep-alive');
  const hint = keepAlive === undefined ? null : /\btimeout=(\d+)/i.exec(keepAlive);
  if (hint) pending.idleMs = Math.max(0, Number(hint[1]) * 1000 - 1000);
  if (code === 204 || code === 304) return void (pending.framing = { kind: 'length', remaining: 0 });
  const transferEncoding = headers.get('transfer-encoding');
  if (transferEncoding !== undefined) {
    // Length from the coding, never from Content-Length beside it; such a connection is closed after (RFC 9112, 6.1).
    if (headers.has('content-length')) pending.keepAlive = false;
    if (/(?:^|,)\s*chunked\s*$/i.test(transferEncoding)) return void (pending.framing = { kind: 'chunk-size' });
    pending.keepAlive = false;
    return void (pending.framing = { kind: 'until-close' });
  }
  const length = headers.get('content-length');
  if (length === undefined) {
    pending.keepAlive = false;
    return void (pending.framing = { kind: 'until-close' });
  }
  // Repeated identical values ("12, 12") are one length; differing ones are an attack or a bug.
  const values = length.includes(',') ? new Set(length.split(',').map((value) => value.trim())) : new Set([length]);
  const [only] = values;
  if (values.size !== 1 || !/^\d{1,15}$/.test(only!)) throw new SubgraphProtocolError('The answer has an invalid Content-Length.');
  pending.framing = { kind: 'length', remaining: Number(only) };
}

/** The status code of a status line `HTTP/1.x NNN reason` ending at `end`. */
function statusOf(head: string, end: number): number {
  let code = 0;
  for (let i = 9; i < 12; i++) {
    const digit = head.charCodeAt(i) - 0x30;
    code = digit >= 0 && digit <= 9 ? code * 10 + digit : NaN;
  }
  const version = head.charCodeAt(7);
  if (!head.startsWith('HTTP/1.') || (version !== 0x30 && version !== 0x31) || head.charCodeAt(8) !== 0x20 || !(code >= 100) || (end > 12 && head.charCodeAt(12) !== 0x20)) {
    throw new SubgraphProtocolError('The answer does not start with an HTTP/1.x status line.');
  }
  return code;
}
