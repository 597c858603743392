import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@bookstore/server-core';
import { buildSchema } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { UpstreamPool } from './upstream.js';

// A subgraph's graphql-ws endpoint that emits one `tick` per second-free push, so the test
// decides when events flow. Restarting it on the same port stands for a replica restart.
const schema = buildSchema('type Query { ok: Boolean } type Subscription { tick: Int }');

interface Upstream {
  port: number;
  push(value: number): void;
  close(): Promise<void>;
}

async function startUpstream(port = 0): Promise<Upstream> {
  const listeners = new Set<(value: number) => void>();
  const server: Server = createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema,
      roots: {
        subscription: {
          async *tick() {
            const queue: number[] = [];
            let wake: (() => void) | undefined;
            const listener = (value: number) => {
              queue.push(value);
              wake?.();
            };
            listeners.add(listener);
            try {
              for (;;) {
                while (queue.length) yield { tick: queue.shift() };
                await new Promise<void>((resolve) => (wake = resolve));
              }
            } finally {
              listeners.delete(listener);
            }
          },
        },
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    push: (value) => listeners.forEach((listener) => listener(value)),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

describe('UpstreamPool', () => {
  it('keeps a subscription through a replica restart that refuses connections for a while', async () => {
    let upstream = await startUpstream();
    const port = upstream.port;
    const pool = new UpstreamPool({ logger: createLogger('test', 'silent'), retryAttempts: 5 });
    disposers.push(() => pool.close());
    const ticks: unknown[] = [];
    const errors: unknown[] = [];
    const unsubscribe = pool.subscribe({ subgraph: 'ticks', url: `http://127.0.0.1:${port}/graphql` }, null, { query: 'subscription { tick }', variables: {} }, {
      next: (value: FormattedExecutionResult<Record<string, unknown>, unknown>) => void ticks.push(value.data?.tick),
      error: (error) => void errors.push(error),
      complete: () => void errors.push('completed'),
    });
    disposers.push(async () => unsubscribe());
    await expect.poll(() => pool.connections).toBe(1);
    // graphql-ws sends `subscribe` right after the ack; push until the first tick arrives.
    await expect.poll(() => (upstream.push(1), ticks.length > 0)).toBe(true);

    await upstream.close();
    // The replica is down: the pool's next attempt is refused, which must not end the subscription.
    await expect.poll(() => pool.socketErrors, { timeout: 20_000 }).toBeGreaterThan(0);
    upstream = await startUpstream(port);
    disposers.push(() => upstream.close());
    await expect.poll(() => pool.connections, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => (upstream.push(2), ticks.includes(2)), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
  });
});
