import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '@bookstore/server-core';
import { ROUTER_SECRET_HEADER } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '../src/subgraph-server.js';
import { createTestIssuer } from '@bookstore/server-core/testing';
import { gql } from '@bookstore/testing-base';

// A subgraph configured with the router's secret answers /graphql (HTTP and WebSocket) only
// to callers that carry it; health, readiness and public routes stay open.
const SECRET = 'a-long-shared-secret-for-the-router-0123456789';
let server: SubgraphServer;
let url: string;

beforeAll(async () => {
  const issuer = await createTestIssuer();
  server = createSubgraphServer(
    {
      name: 'guarded',
      typeDefs: parse('type Query { ping: String } type Subscription { ticks: Int! }'),
      resolvers: {
        Query: { ping: () => 'pong' },
        Subscription: {
          ticks: {
            subscribe: async function* () {
              yield { ticks: 1 };
            },
          },
        },
      } as never,
      createContext: (base) => base,
      routes: { '/public': (_req, res) => void res.end('open') },
    },
    { verifyToken: issuer.verifyToken, logger: createLogger('secret-test', 'silent'), production: false, routerSecret: SECRET },
  );
  url = await server.listen(0);
});

afterAll(() => server?.stop());

const subscribeOnce = (headers: Record<string, string>) =>
  new Promise<{ data?: unknown; closeCode?: number }>((resolve) => {
    const Impl = class extends WebSocket {
      constructor(address: string | URL | null, protocols?: string | string[]) {
        super(address as string | URL, protocols, { headers });
      }
    } as typeof WebSocket;
    const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: Impl, retryAttempts: 0 });
    client.subscribe(
      { query: 'subscription { ticks }' },
      {
        next: (value) => resolve({ data: value.data }),
        error: (error) => resolve({ closeCode: (error as { code?: number }).code }),
        complete: () => undefined,
      },
    );
  });

describe('the router secret', () => {
  it('refuses HTTP GraphQL requests without it or with a wrong one (403 FORBIDDEN)', async () => {
    const none = await gql(url, '{ ping }');
    expect(none.status).toBe(403);
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(url, '{ ping }', {}, { headers: { [ROUTER_SECRET_HEADER]: `${SECRET}x` } })).status).toBe(403);
    const ok = await gql(url, '{ ping }', {}, { headers: { [ROUTER_SECRET_HEADER]: SECRET } });
    expect(ok.data).toEqual({ ping: 'pong' });
  });

  it('keeps /health, /ready and public routes open', async () => {
    for (const path of ['/health', '/ready', '/public']) expect((await fetch(`${url}${path}`)).status).toBe(200);
  });

  it('closes a WebSocket without it with 4403, and serves one with it', async () => {
    expect(await subscribeOnce({})).toEqual({ closeCode: 4403 });
    expect(await subscribeOnce({ [ROUTER_SECRET_HEADER]: SECRET })).toEqual({ data: { ticks: 1 } });
  });
});
