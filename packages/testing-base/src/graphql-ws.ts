import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';

/** How a subscription ended, as its client saw it. */
export type SubscriptionEnd =
  | { kind: 'completed' }
  /** An `error` message: the operation was refused or its stream failed. */
  | { kind: 'error'; errors: GraphQLFormattedError[] }
  /** The socket closed under it (graphql-ws close codes: 4403, 1001, ...). */
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'failed'; message: string };

export interface TestSubscription<T> {
  /** Every `next` payload so far, in order. */
  results: FormattedExecutionResult<T>[];
  /** Settles (never rejects) when the subscription ends, however it ends. */
  ended: Promise<SubscriptionEnd>;
  /** Completes it from the client's side (a `complete` message). */
  unsubscribe(): void;
}

export interface TestWsClient {
  client: Client;
  /** The close events of its sockets, in order. */
  closes: { code: number; reason: string }[];
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): TestSubscription<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  dispose(): Promise<void>;
}

export interface TestWsClientOptions {
  /** Sent as connectionParams `{ authorization: 'Bearer <token>' }`, as the router does. */
  token?: string;
  /** Sent as they are instead, e.g. a malformed authorization. */
  connectionParams?: Record<string, unknown>;
}

/** A real graphql-ws client on a server's `/graphql`, as the router connects to a subgraph; it never reconnects, so a test sees each close. */
export function connectWs(httpUrl: string, options: TestWsClientOptions = {}): TestWsClient {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: options.connectionParams ?? (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closes,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const results: FormattedExecutionResult<T>[] = [];
      let unsubscribe = () => {};
      const ended = new Promise<SubscriptionEnd>((resolve) => {
        unsubscribe = client.subscribe<T>(
          { query, variables },
          {
            next: (result) => void results.push(result as FormattedExecutionResult<T>),
            complete: () => resolve({ kind: 'completed' }),
            error: (error) => resolve(endOf(error)),
          },
        );
      });
      return { results, ended, unsubscribe: () => unsubscribe() };
    },
    dispose: async () => client.dispose(),
  };
}

function endOf(error: unknown): SubscriptionEnd {
  if (Array.isArray(error)) return { kind: 'error', errors: error as GraphQLFormattedError[] };
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    return { kind: 'closed', code: error.code, reason: String((error as { reason?: unknown }).reason ?? '') };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
