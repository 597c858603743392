import { createClient, type Client, type FormattedExecutionResult, type Sink } from 'graphql-ws';
import WebSocket from 'ws';
import { authorizationHeader, ROUTER_SECRET_HEADER, type Credentials, type Logger } from '@bookstore/kit';

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
}

/** The subgraph's graphql-ws endpoint: same host, port and path as its HTTP one. */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * graphql-ws connections from the router to subgraphs, one per subgraph and caller token (the
 * subgraph checks the token at connection_init). A client re-connects and re-subscribes by
 * itself when its socket closes, so an orders replica going away moves the subscription to
 * another; when retries run out the subscription errors instead of hanging.
 */
export class UpstreamPool {
  private readonly clients = new Map<string, PooledClient>();
  /** Upstream sockets acknowledged by a subgraph so far (tests wait on it). */
  connections = 0;
  /** Upstream socket errors so far, such as a connection refused while a replica restarts. */
  socketErrors = 0;

  constructor(private readonly options: UpstreamOptions) {}

  subscribe(url: string, credentials: Credentials | null, request: { query: string; variables: Record<string, unknown>; operationName?: string }, sink: Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>): () => void {
    const key = `${url}\n${credentials?.token ?? ''}`;
    let pooled = this.clients.get(key);
    if (!pooled) {
      pooled = { client: this.connect(url, credentials), subscriptions: 0 };
      this.clients.set(key, pooled);
    }
    const entry = pooled;
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

  /** Open upstream connections, for tests and metrics. */
  get size(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => disposeQuietly(c.client)));
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

  private connect(url: string, credentials: Credentials | null): Client {
    const { logger } = this.options;
    return createClient({
      url: webSocketUrl(url),
      webSocketImpl: this.webSocketClass(),
      connectionParams: credentials ? { authorization: authorizationHeader(credentials) } : {},
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
        error: () => {
          this.socketErrors++;
        },
        closed: (event) => logger.debug({ url, code: (event as { code?: number }).code }, 'upstream subscription socket closed'),
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
