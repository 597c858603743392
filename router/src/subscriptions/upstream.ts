import { createClient, type Client, type FormattedExecutionResult, type Sink } from 'graphql-ws';
import WebSocket from 'ws';
import { authorizationHeader, ROUTER_SECRET_HEADER, type Credentials, type Logger } from '@bookstore/server-core';
import { fresher, identityOf } from './identity.js';

export interface UpstreamOptions {
  /** Reconnection attempts after an upstream socket closes (a replica went away), default 5. */
  retryAttempts?: number;
  /** Sent on the upgrade request, as on every HTTP fetch, so subgraphs admit the router. */
  routerSecret?: string;
  logger: Logger;
}

interface PooledClient {
  client: Client;
  subscriptions: number;
  identity: string;
  /** The freshest credentials its callers have shown: each (re)connection presents them. */
  credentials: Credentials | null;
}

/** Where an upstream subscription runs: the owning subgraph's name (for logs) and routing URL. */
export interface UpstreamTarget {
  subgraph: string;
  url: string;
}

/** The subgraph's graphql-ws endpoint: same host, port and path as its HTTP one. */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * graphql-ws connections from the router to the subgraphs that own subscription fields, one per
 * subgraph and caller identity (identity.ts), each with its own retries: one owner's replica
 * going away touches none of another owner's sockets. A client re-connects and re-subscribes by
 * itself when its socket closes, so a replica going away moves the subscription to another of
 * that subgraph's replicas; when retries run out the subscription errors instead of hanging.
 * The subgraph checks the token at connection_init and closes the socket (4403) when it expires: the reconnection presents the freshest token the
 * caller has shown since, so subscriptions shared with a later socket of the caller live on.
 */
export class UpstreamPool {
  private readonly clients = new Map<string, PooledClient>();
  /** Upstream sockets acknowledged by a subgraph so far (tests wait on it). */
  connections = 0;
  /** Upstream socket errors so far, such as a connection refused while a replica restarts. */
  socketErrors = 0;

  constructor(private readonly options: UpstreamOptions) {}

  /** Opens `request` on `target` over that subgraph's socket for the caller's identity. */
  subscribe(target: UpstreamTarget, credentials: Credentials | null, request: { query: string; variables: Record<string, unknown>; operationName?: string }, sink: Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>): () => void {
    const identity = identityOf(credentials);
    const key = `${target.url}\n${identity}`;
    const entry = this.clients.get(key) ?? this.open(key, target, identity);
    entry.credentials = fresher(entry.credentials, credentials);
    entry.subscriptions++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.subscriptions--;
      if (entry.subscriptions === 0 && this.clients.get(key) === entry) {
        this.clients.delete(key);
        void disposeQuietly(entry.client);
      }
    };
    const unsubscribe = entry.client.subscribe(request, {
      next: (value) => sink.next(value),
      error: (error) => {
        release();
        sink.error(error);
      },
      complete: () => {
        release();
        sink.complete();
      },
    });
    return () => {
      unsubscribe();
      release();
    };
  }

  /** A caller joined subscriptions already open: its token is presented from the next (re)connection on, if it outlives theirs. */
  present(credentials: Credentials | null): void {
    if (!credentials) return;
    const identity = identityOf(credentials);
    for (const entry of this.clients.values()) if (entry.identity === identity) entry.credentials = fresher(entry.credentials, credentials);
  }

  /** Open upstream connections, for tests and metrics. */
  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => disposeQuietly(c.client)));
  }

  private open(key: string, target: UpstreamTarget, identity: string): PooledClient {
    const entry: PooledClient = { identity, credentials: null, subscriptions: 0, client: this.connect(target, () => entry.credentials) };
    this.clients.set(key, entry);
    return entry;
  }

  /** ws with the router's secret header on the upgrade request (graphql-ws passes only url and protocol). */
  private webSocketClass(): typeof WebSocket {
    const secret = this.options.routerSecret;
    if (!secret) return WebSocket;
    return class extends WebSocket {
      constructor(address: string | URL | null, protocols?: string | string[]) {
        super(address as string | URL, protocols, { headers: { [ROUTER_SECRET_HEADER]: secret } });
      }
    } as typeof WebSocket;
  }

  private connect({ subgraph, url }: UpstreamTarget, credentials: () => Credentials | null): Client {
    const { logger } = this.options;
    return createClient({
      url: webSocketUrl(url),
      webSocketImpl: this.webSocketClass(),
      // Asked at every (re)connection, so a reconnection after expiry presents a fresher token.
      connectionParams: () => {
        const current = credentials();
        return current ? { authorization: authorizationHeader(current) } : {};
      },
      lazy: true,
      lazyCloseTimeout: 1_000,
      retryAttempts: this.options.retryAttempts ?? 5,
      // graphql-ws retries only close events by default; a refused connection (the replica is
      // still restarting) arrives as an error event and would end the subscription at once.
      // Fatal close codes (4400, 4401, 4500...) still end it before this is asked.
      shouldRetry: () => true,
      // A silent upstream (a frozen replica) is noticed and replaced.
      keepAlive: 10_000,
      on: {
        connected: () => {
          this.connections++;
        },
        error: (error) => {
          this.socketErrors++;
          logger.debug({ err: error, subgraph }, 'upstream subscription socket error');
        },
        closed: (event) => logger.debug({ subgraph, code: (event as { code?: number }).code }, 'upstream subscription socket closed'),
      },
    });
  }
}

/**
 * graphql-ws's dispose() awaits a connection attempt still in flight and rethrows its failure
 * (the close event of a subgraph that is itself shutting down); there is nothing left to do then.
 */
async function disposeQuietly(client: Client): Promise<void> {
  try {
    await client.dispose();
  } catch {
    // the socket is gone either way
  }
}
