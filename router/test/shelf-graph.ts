import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type Logger, type RequestContext, type TokenVerifier } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '@bookstore/subgraph-runtime';
import { parse } from 'graphql';

// The smallest graph with a subscription, for the router's WebSocket tests: one subgraph,
// `shelf`, whose `shelfChanged` events come from the test.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const sdl = `${link}
  type Query { shelf(id: ID!): Shelf }
  type Shelf @key(fields: "id") { id: ID! label: String! }
  type Subscription { shelfChanged: Shelf! }`;

/** The shelf subgraph, not yet listening; `shelfChanged` yields what `events` yields. */
export function shelfSubgraph(events: () => AsyncGenerator<{ shelfChanged: { id: string; label: string } }>, options: { verifyToken: TokenVerifier; logger: Logger }): SubgraphServer {
  return createSubgraphServer(
    {
      name: 'shelf',
      typeDefs: parse(sdl),
      resolvers: {
        Subscription: { shelfChanged: { subscribe: events } },
        Shelf: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, label: `Shelf ${ref.id}` }) },
      } as never,
      createContext: (base: RequestContext) => base,
    },
    { ...options, production: false },
  );
}

/** The supergraph SDL of the shelf subgraph alone. */
export function shelfSupergraphSdl(): string {
  const composed = composeServices([{ name: 'shelf', url: 'http://unused/graphql', typeDefs: parse(sdl) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}

/** The supergraph of the shelf subgraph alone, written to a fresh temporary folder. */
export async function shelfSupergraph(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'router-shelf-'));
  const path = join(dir, 'supergraph.graphql');
  await writeFile(path, shelfSupergraphSdl());
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
