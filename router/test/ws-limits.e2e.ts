import { createLogger } from '@bookstore/server-core';
import { type SubgraphServer } from '@bookstore/subgraph-runtime';
import { createTestIssuer } from '@bookstore/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router, type RouterOptions } from '../src/router.js';
import { shelfSubgraph, shelfSupergraph } from './shelf-graph.js';

// Per-client limits on the router's WebSockets, with real graphql-ws clients through a real
// router. Clients come "from" different addresses through X-Forwarded-For, which the router
// believes from its trusted proxy (this test, on the loopback interface).
const logger = createLogger('ws-limits-test', 'silent');
let ticks: SubgraphServer;
let supergraph: Awaited<ReturnType<typeof shelfSupergraph>>;
const releases: (() => void)[] = [];
const routers: Router[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  const issuer = await createTestIssuer();
  ticks = shelfSubgraph(
    // One event, then the stream stays open until the test ends.
    async function* () {
      yield { shelfChanged: { id: '1', label: 'Shelf 1' } };
      await new Promise<void>((resolve) => releases.push(resolve));
    },
    { verifyToken: issuer.verifyToken, logger },
  );
  const ticksUrl = await ticks.listen(0);
  supergraph = await shelfSupergraph();
  base = {
    supergraphPath: supergraph.path,
    subgraphUrls: { shelf: `${ticksUrl}/graphql` },
    verifyToken: issuer.verifyToken,
    logger,
    production: false,
    trustedProxies: ['127.0.0.1', '::1'],
  };
});

afterAll(async () => {
  for (const release of releases) release();
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all(routers.map((router) => router.stop()));
  await ticks?.stop();
  await supergraph?.remove();
});

let base: RouterOptions;
async function startRouter(subscriptions: RouterOptions['subscriptions']): Promise<string> {
  const router = createRouter({ ...base, subscriptions });
  routers.push(router);
  return `${(await router.listen(0)).replace(/^http/, 'ws')}/graphql`;
}

interface Connection {
  client: Client;
  /** Settles when the socket is acknowledged ("connected") or closed first (its close code). */
  opened: Promise<'connected' | number>;
  /** The close code, once the socket closes. */
  closed: Promise<number>;
}

/** A graphql-ws client whose socket comes from `address` (X-Forwarded-For), connecting at once. */
function connectFrom(url: string, address: string, options: { lazy?: boolean } = {}): Connection {
  class FromAddress extends WebSocket {
    constructor(target: string | URL, protocols?: string | string[]) {
      super(target, protocols, { headers: { 'x-forwarded-for': address } });
    }
  }
  let onConnected = () => {};
  let onClosed = (_code: number) => {};
  const connected = new Promise<'connected'>((resolve) => (onConnected = () => resolve('connected')));
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: FromAddress,
    lazy: options.lazy ?? false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: { connected: () => onConnected(), closed: (event) => onClosed((event as { code: number }).code) },
  });
  clients.push(client);
  return { client, opened: Promise.race([connected, closed]), closed };
}

let subscriptions = 0;
/**
 * Subscribes; resolves with the first result or the error that refused it. Each subscription is
 * its own document (identical ones share one upstream, whose one event a latecomer would miss).
 */
function firstResult(client: Client): Promise<{ data?: unknown; errors?: unknown }> {
  const query = `subscription { s${++subscriptions}: shelfChanged { id label } }`;
  return new Promise((resolve) => {
    client.subscribe({ query }, { next: (result) => resolve(result), error: (errors) => resolve({ errors }), complete: () => {} });
  });
}

describe('WebSocket limits per client address', () => {
  it('refuses a socket past the per-address cap with 4429, and not one from another address; a closed socket frees its place', async () => {
    const url = await startRouter({ maxConnectionsPerAddress: 2 });
    const first = connectFrom(url, '198.51.100.7');
    const second = connectFrom(url, '198.51.100.7');
    expect(await first.opened).toBe('connected');
    expect(await second.opened).toBe('connected');
    const third = connectFrom(url, '198.51.100.7');
    expect(await third.opened).toBe(4429);
    expect(await connectFrom(url, '198.51.100.8').opened).toBe('connected');
    await first.client.dispose();
    expect(await first.closed).toBe(1000);
    expect(await connectFrom(url, '198.51.100.7').opened).toBe('connected');
  });

  it('answers a subscribe past the per-address rate with RATE_LIMITED and retryAfter, and keeps the socket open', async () => {
    const url = await startRouter({ subscribesPerMinute: 3 });
    const connection = connectFrom(url, '198.51.100.20');
    let closedCode: number | undefined;
    void connection.closed.then((code) => (closedCode = code));
    for (let i = 0; i < 3; i++) expect(Object.values((await firstResult(connection.client)).data ?? {})).toEqual([{ id: '1', label: 'Shelf 1' }]);
    const refused = await firstResult(connection.client);
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) }) })]);
    expect((refused.errors as { extensions: { retryAfter: number } }[])[0]!.extensions.retryAfter).toBeGreaterThan(0);
    // Another address has its own allowance; the limited socket is still open.
    expect((await firstResult(connectFrom(url, '198.51.100.21').client)).data).toBeDefined();
    expect(closedCode).toBeUndefined();
  });

  it('closes a socket that holds no subscription for the idle timeout, and leaves one that does', async () => {
    const url = await startRouter({ idleTimeoutMs: 1_000 });
    const busy = connectFrom(url, '198.51.100.30');
    let busyClosed: number | undefined;
    void busy.closed.then((code) => (busyClosed = code));
    expect((await firstResult(busy.client)).data).toBeDefined();
    const idle = connectFrom(url, '198.51.100.31');
    expect(await idle.opened).toBe('connected');
    expect(await idle.closed).toBe(1000);
    expect(busyClosed).toBeUndefined();
  });
});
