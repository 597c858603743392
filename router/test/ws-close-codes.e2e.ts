import { EventEmitter, on } from 'node:events';
import { createLogger, createTokenVerifier, type TokenVerifier } from '@bookstore/server-core';
import { type SubgraphServer } from '@bookstore/subgraph-runtime';
import { connectWs, createTestIssuer, freePort, type TestIssuer, type TestWsClient } from '@bookstore/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../src/router.js';
import { shelfSubgraph, shelfSupergraph } from './shelf-graph.js';

// The subgraphs' graphql-ws and the router's are one core: the same cause closes a socket with
// the same code and reason on both. One table of causes, run against a subgraph directly and
// against the router in front of it, with real graphql-ws clients.
const logger = createLogger('ws-close-codes-test', 'silent');
let issuer: TestIssuer;
/** While set, token checks behave as if the users subgraph's key set were unreachable. */
let keySetDown = false;
let subgraph: SubgraphServer;
let router: Router;
let supergraph: Awaited<ReturnType<typeof shelfSupergraph>>;
const urls: Record<'subgraph' | 'router', string> = { subgraph: '', router: '' };
/** Each `label` event is a shelfChanged event on every open subscription. */
const shelves = new EventEmitter();
const clients: TestWsClient[] = [];

beforeAll(async () => {
  issuer = await createTestIssuer();
  // A key set URL nothing answers at: a port that was just free.
  const offline = createTokenVerifier({ keys: new URL(`http://127.0.0.1:${await freePort()}/.well-known/jwks.json`), issuer: issuer.issuer, audience: issuer.audience });
  const verifyToken: TokenVerifier = (token) => (keySetDown ? offline(token) : issuer.verifyToken(token));
  subgraph = shelfSubgraph(
    async function* () {
      for await (const [label] of on(shelves, 'label')) yield { shelfChanged: { id: '1', label: String(label) } };
    },
    { verifyToken, logger },
  );
  urls.subgraph = await subgraph.listen(0);
  supergraph = await shelfSupergraph();
  router = createRouter({ supergraphPath: supergraph.path, subgraphUrls: { shelf: `${urls.subgraph}/graphql` }, verifyToken, logger, production: false });
  urls.router = await router.listen(0);
});

afterEach(async () => {
  keySetDown = false;
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

afterAll(async () => {
  await router?.stop();
  await subgraph?.stop();
  await supergraph?.remove();
});

interface Cause {
  cause: string;
  /** The token the client presents at connection_init (after any setup of the cause). */
  token: () => Promise<string>;
  close: { code: number; reason: string };
}

const causes: Cause[] = [
  { cause: 'an invalid token', token: async () => 'not.a.jwt', close: { code: 4403, reason: 'The access token is invalid.' } },
  {
    cause: 'an unreachable key set',
    token: async () => {
      keySetDown = true;
      return issuer.sign('user-1');
    },
    // Not the client's fault (graphql-ws' InternalServerError), and no reason to call the token bad.
    close: { code: 4500, reason: 'Token verification is unavailable right now; try again shortly.' },
  },
  // Accepted at connection_init, then closed when it expires: the socket never outlives its token.
  { cause: 'the token expiring', token: () => issuer.sign('user-1', { expiresIn: 2 }), close: { code: 4403, reason: 'The access token has expired; refresh it and try again.' } },
];

describe.each(['subgraph', 'router'] as const)('graphql-ws closes on the %s', (server) => {
  it.each(causes)('$cause with the same code and reason as on the other server', async ({ token, close }) => {
    const client = connectWs(urls[server], { token: await token() });
    clients.push(client);
    const subscription = client.subscribe('subscription { shelfChanged { id } }');
    expect(await subscription.ended).toEqual({ kind: 'closed', ...close });
    expect(client.closes).toEqual([close]);
  });
});

describe('a subscription two sockets of one caller share through the router', () => {
  it("outlives the first socket's token: the subgraph closes the upstream socket with it, and the router reconnects with the later token", async () => {
    const first = connectWs(urls.router, { token: await issuer.sign('user-2', { expiresIn: 4 }) });
    const second = connectWs(urls.router, { token: await issuer.sign('user-2') });
    clients.push(first, second);
    const query = 'subscription { shelfChanged { label } }';
    const early = first.subscribe<{ shelfChanged: { label: string } }>(query);
    const labels = (subscription: typeof early) => subscription.results.map((result) => result.data?.shelfChanged.label);
    // The upstream socket is open, on the first token, before the second socket joins.
    await expect.poll(() => (shelves.emit('label', 'first'), labels(early).includes('first'))).toBe(true);
    const later = second.subscribe<{ shelfChanged: { label: string } }>(query);
    await expect.poll(() => (shelves.emit('label', 'both'), labels(later).includes('both'))).toBe(true);
    expect([router.subscriptions.subscribers, router.subscriptions.size]).toEqual([2, 1]);
    const connected = router.subscriptions.upstreamConnections;

    expect(await early.ended).toMatchObject({ kind: 'closed', code: 4403 });
    // The subgraph closed the upstream socket when that token expired; the router connects again
    // (graphql-ws waits a second or more first) and subscribes again on the new socket.
    await expect.poll(() => router.subscriptions.upstreamConnections, { timeout: 30_000 }).toBeGreaterThan(connected);
    await expect.poll(() => (shelves.emit('label', 'after'), labels(later).includes('after')), { timeout: 30_000, interval: 250 }).toBe(true);
    expect(later.results.every((result) => !result.errors)).toBe(true);
  });
});
