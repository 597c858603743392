import { once } from 'node:events';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requireRole } from '@bookstore/server-core';
import { subscribeToChannel } from '../src/events/channel-iterator.js';
import { InProcessPubSub } from '../src/events/in-process-pubsub.js';
import { createLogger } from '@bookstore/server-core';
import type { RequestContext } from '@bookstore/server-core';
import { createSubgraphServer, type GraphQLResolverMap, type SubgraphServer } from '../src/subgraph-server.js';
import { connectWs, type TestWsClient } from '@bookstore/testing-base';
import { gql } from '@bookstore/testing-base';
import { observePubSub, type ObservedPubSub } from '../src/testing/index.js';
import { createTestIssuer, unsignedToken, type TestIssuer } from '@bookstore/server-core/testing';

// A tiny subgraph with a Subscription type, served by the kit's one server factory over real
// HTTP and WebSockets, and driven by the real graphql-ws client the router uses.
const typeDefs = parse(`
  type Query { ping: String! }
  type Subscription {
    countdown(from: Int!, label: String): Int!
    viewer: String!
    messages: String!
    adminOnly: String!
    broken: String!
  }
`);

const logger = createLogger('subscription-server-test', 'silent');

function resolvers(pubsub: ObservedPubSub): GraphQLResolverMap<RequestContext> {
  return {
    Query: { ping: () => 'pong' },
    Subscription: {
      countdown: {
        subscribe: async function* (_: unknown, { from }: { from: number }) {
          for (let n = from; n > 0; n--) yield n;
        },
        resolve: (n: number) => n,
      },
      viewer: {
        subscribe: async function* (_: unknown, __: unknown, ctx: RequestContext) {
          yield ctx.viewer ? `${ctx.viewer.id}:${ctx.viewer.role}` : 'anonymous';
        },
        resolve: (who: string) => who,
      },
      messages: {
        subscribe: () => subscribeToChannel(pubsub, 'messages', { select: (m) => (typeof m === 'string' ? m : undefined), logger }),
        resolve: (message: string) => message,
      },
      // Checks access before it returns a stream, as real subscriptions do.
      adminOnly: {
        subscribe: (_: unknown, __: unknown, ctx: RequestContext) => {
          requireRole(ctx.viewer, 'ADMIN');
          return (async function* () {
            yield 'secret';
          })();
        },
        resolve: (secret: string) => secret,
      },
      broken: {
        subscribe: () => {
          throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2');
        },
      },
    },
  };
}

interface Running {
  server: SubgraphServer;
  url: string;
  pubsub: ObservedPubSub;
}

async function start(issuer: TestIssuer): Promise<Running> {
  const pubsub = observePubSub(new InProcessPubSub());
  const server = createSubgraphServer(
    { name: 'tiny', typeDefs, resolvers: resolvers(pubsub), createContext: (base) => base },
    { verifyToken: issuer.verifyToken, logger, production: false, subscriptions: { connectionInitWaitTimeoutMs: 200 } },
  );
  return { server, url: await server.listen(0), pubsub };
}

describe('graphql-ws on the subgraph server', () => {
  let issuer: TestIssuer;
  let running: Running;
  const clients: TestWsClient[] = [];
  const connect = (...args: Parameters<typeof connectWs>) => {
    const client = connectWs(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    issuer = await createTestIssuer();
    running = await start(issuer);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => running?.server.stop());

  it('streams each event as a next message, then completes; HTTP and health stay on the same port', async () => {
    const sub = connect(running.url).subscribe<{ countdown: number }>('subscription($from: Int!) { countdown(from: $from) }', { from: 3 });
    await expect(sub.ended).resolves.toEqual({ kind: 'completed' });
    expect(sub.results).toEqual([{ data: { countdown: 3 } }, { data: { countdown: 2 } }, { data: { countdown: 1 } }]);

    expect((await gql(running.url, '{ ping }')).data).toEqual({ ping: 'pong' });
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
  });

  it('gives resolvers the caller proved by connection_init (authorization or Authorization), or anonymous', async () => {
    const token = await issuer.sign('user-1', { role: 'LIBRARIAN' });
    const signedIn = connect(running.url, { token }).subscribe('subscription { viewer }');
    const capitalised = connect(running.url, { connectionParams: { Authorization: `Bearer ${token}` } }).subscribe('subscription { viewer }');
    const anonymous = connect(running.url).subscribe('subscription { viewer }');
    await Promise.all([signedIn.ended, capitalised.ended, anonymous.ended]);
    expect(signedIn.results).toEqual([{ data: { viewer: 'user-1:LIBRARIAN' } }]);
    expect(capitalised.results).toEqual([{ data: { viewer: 'user-1:LIBRARIAN' } }]);
    expect(anonymous.results).toEqual([{ data: { viewer: 'anonymous' } }]);
  });

  it('closes with 4403 a connection whose token is invalid, expired or malformed, before any operation runs', async () => {
    const refused = [
      { token: 'not.a.jwt' },
      { token: unsignedToken('user-1') },
      { token: await issuer.sign('user-1', { expiresIn: -3600 }) },
      { connectionParams: { authorization: 'Token abc' } },
      { connectionParams: { authorization: 42 } },
    ];
    for (const options of refused) {
      const client = connect(running.url, options);
      const sub = client.subscribe('subscription { viewer }');
      await expect(sub.ended).resolves.toMatchObject({ kind: 'closed', code: 4403 });
      expect(sub.results).toEqual([]);
      expect(client.closes).toEqual([expect.objectContaining({ code: 4403 })]);
    }
    const expired = connect(running.url, { token: await issuer.sign('user-1', { expiresIn: -3600 }) }).subscribe('subscription { viewer }');
    expect(await expired.ended).toEqual({ kind: 'closed', code: 4403, reason: 'The access token has expired; refresh it and try again.' });
  });

  it('keeps coded errors with their code, masks unexpected ones, and keeps the socket open', async () => {
    const client = connect(running.url, { token: await issuer.sign('user-1') });
    // Held open throughout, so the client keeps its one socket (it closes an idle one by itself).
    const held = client.subscribe('subscription { messages }');
    const forbidden = client.subscribe('subscription { adminOnly }');
    const broken = client.subscribe('subscription { broken }');
    const invalid = client.subscribe('subscription { noSuchField }');
    const unparsable = client.subscribe('subscription {');
    const missingVariable = client.subscribe('subscription($from: Int!) { countdown(from: $from) }');
    const query = client.subscribe('{ ping }');
    const unstorable = client.subscribe('subscription($l: String) { countdown(from: 1, label: $l) }', { l: 'a\u0000b' });
    const ends = await Promise.all([forbidden, broken, invalid, unparsable, missingVariable, query, unstorable].map((sub) => sub.ended));

    // A refusal inside the resolver is the operation's result: one next message, then complete.
    expect(ends.slice(0, 2)).toEqual([{ kind: 'completed' }, { kind: 'completed' }]);
    expect(forbidden.results).toEqual([{ errors: [expect.objectContaining({ message: 'This needs the ADMIN role.', extensions: { code: 'FORBIDDEN' } })] }]);
    expect(broken.results).toEqual([{ errors: [expect.objectContaining({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })] }]);
    expect(JSON.stringify(broken.results)).not.toMatch(/hunter2|10\.1\.2\.3/);
    // Refused before it runs: an error message.
    const codes = ends.slice(2).map((end) => (end.kind === 'error' ? end.errors.map((error) => error.extensions?.['code']) : end));
    expect(codes).toEqual([['GRAPHQL_VALIDATION_FAILED'], ['GRAPHQL_PARSE_FAILED'], ['BAD_USER_INPUT'], ['BAD_REQUEST'], ['BAD_USER_INPUT']]);
    expect(ends[2]).toMatchObject({ errors: [{ message: expect.stringMatching(/noSuchField/) }] });
    // Text that cannot be stored is refused as over HTTP, naming the argument.
    expect(ends[6]).toMatchObject({ errors: [{ message: 'label contains a control character (U+0000).', extensions: { code: 'BAD_USER_INPUT', field: 'label' } }] });

    // None of that cost the connection.
    const after = client.subscribe('subscription { countdown(from: 1) }');
    await after.ended;
    expect(after.results).toEqual([{ data: { countdown: 1 } }]);
    expect(client.closes).toEqual([]);
    held.unsubscribe();
    await expect.poll(() => running.pubsub.listeners).toBe(0);
  });

  it('closes a socket that never sends connection_init with 4408 once the wait timeout passes', async () => {
    const socket = new WebSocket(`${running.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const [code] = (await once(socket, 'close')) as [number, Buffer];
    expect(code).toBe(4408);
  });

  it('unsubscribes from pub/sub when the client completes the subscription', async () => {
    const sub = connect(running.url).subscribe<{ messages: string }>('subscription { messages }');
    await expect.poll(() => running.pubsub.listeners).toBe(1);
    await running.pubsub.publish('messages', 'first');
    await expect.poll(() => sub.results).toEqual([{ data: { messages: 'first' } }]);
    sub.unsubscribe();
    await expect.poll(() => running.pubsub.listeners).toBe(0);
  });
});

describe('stopping a subgraph server with subscriptions', () => {
  it('closes every socket with 1001 Going Away, unsubscribes their subscriptions, then stops HTTP', async () => {
    const issuer = await createTestIssuer();
    const { server, url, pubsub } = await start(issuer);
    const client = connectWs(url);
    try {
      const subs = [client.subscribe('subscription { messages }'), client.subscribe('subscription { messages }')];
      await expect.poll(() => pubsub.listeners).toBe(2);
      await pubsub.publish('messages', 'before the drain');
      await expect.poll(() => subs.map((sub) => sub.results.length)).toEqual([1, 1]);

      await server.stop();
      for (const sub of subs) await expect(sub.ended).resolves.toEqual({ kind: 'closed', code: 1001, reason: 'Going away' });
      expect(pubsub.listeners).toBe(0);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      await client.dispose();
    }
  });
});
