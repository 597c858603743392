import { EventEmitter, on } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { createLogger, type RequestContext } from '@bookstore/server-core';
import { createSubgraphServer, type SubgraphServer } from '@bookstore/subgraph-runtime';
import { connectWs, createTestIssuer, type TestIssuer, type TestSubscription, type TestWsClient } from '@bookstore/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router, type RouterOptions } from '../src/router.js';

// The router serves the subscriptions of any number of owning subgraphs (orders and loans in the
// bookstore). Two fixture owners, `tills` (sales) and `desk` (holds), each own a Subscription
// field; `shelves` contributes the books' titles. Real HTTP and graphql-ws throughout; each
// fixture counts what it was asked, so the test sees the upstream work behind the router.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const typeDefs = {
  tills: `${link}
    type Query { till: String }
    type Book @key(fields: "id") { id: ID! sold: Int! }
    type Sale { id: ID! book: Book! }
    type Subscription { saleMade: Sale! }`,
  desk: `${link}
    type Query { desk: String }
    type Book @key(fields: "id") { id: ID! holds: Int! }
    type Hold { id: ID! book: Book! }
    type Subscription { holdReady: Hold! }`,
  shelves: `${link}
    type Query { book(id: ID!): Book }
    type Book @key(fields: "id") { id: ID! title: String! related: Book! }`,
};
type Name = keyof typeof typeDefs;

const logger = createLogger('two-owners-test', 'silent');
/** Each owner's events: `emit('event', id)` is one event on every subscription open at that owner. */
const events: Record<'tills' | 'desk', EventEmitter> = { tills: new EventEmitter(), desk: new EventEmitter() };
/** Upstream `subscribe` operations each owner's server has started, by the server's label. */
const subscribes: Record<string, number> = { tills: 0, desk: 0 };
/** `_entities` representations resolved, by subgraph and book id: the enrichment work per event. */
const resolved: Record<Name, Map<string, number>> = { tills: new Map(), desk: new Map(), shelves: new Map() };

function count(name: Name, id: string): void {
  resolved[name].set(id, (resolved[name].get(id) ?? 0) + 1);
}

function fixture(name: Name, issuer: TestIssuer, label: string = name): SubgraphServer {
  const subscribed = () => (subscribes[label] = (subscribes[label] ?? 0) + 1);
  // The owner resolves its Book field locally for the event's own book (in the `primary` fetch),
  // and through `_entities` for a book another subgraph returned.
  const book = (field: string, value: number) => ({
    __resolveReference: (ref: { id: string }) => {
      count(name, ref.id);
      return { id: ref.id };
    },
    [field]: () => value,
  });
  // An owner's subscription: one event per `emit('event', id)`, naming that book.
  const owner = (owned: 'tills' | 'desk', field: string, value: number, rootField: string, idPrefix: string) => ({
    Book: book(field, value),
    Subscription: {
      [rootField]: {
        subscribe: async function* () {
          subscribed();
          for await (const [id] of on(events[owned], 'event')) yield { [rootField]: { id: `${idPrefix}-${id}`, book: { id } } };
        },
      },
    },
  });
  const resolvers = {
    tills: owner('tills', 'sold', 7, 'saleMade', 'sale'),
    desk: owner('desk', 'holds', 2, 'holdReady', 'hold'),
    shelves: {
      Query: { book: (_: unknown, { id }: { id: string }) => ({ id }) },
      Book: {
        __resolveReference: (ref: { id: string }) => {
          count('shelves', ref.id);
          return { id: ref.id };
        },
        title: ({ id }: { id: string }) => `Title of ${id}`,
        related: ({ id }: { id: string }) => ({ id: `${id}-related` }),
      },
    },
  }[name];
  return createSubgraphServer(
    { name, typeDefs: parse(typeDefs[name]), resolvers: resolvers as never, createContext: (base: RequestContext) => base },
    { verifyToken: issuer.verifyToken, logger, production: false, stopGracePeriodMillis: 1_000 },
  );
}

/** Composes the three fixtures into a supergraph file; `tillsUrl` is the routing URL it gives tills. */
async function writeSupergraph(path: string, tillsUrl = 'http://unused/graphql'): Promise<void> {
  const composed = composeServices((Object.keys(typeDefs) as Name[]).map((name) => ({ name, url: name === 'tills' ? tillsUrl : 'http://unused/graphql', typeDefs: parse(typeDefs[name]) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  await writeFile(path, composed.supergraphSdl);
}

let issuer: TestIssuer;
const servers = {} as Record<Name, SubgraphServer>;
const urls = {} as Record<Name, string>;
let router: Router;
let routerUrl: string;
let dir: string;
const clients: TestWsClient[] = [];

/** A router on `supergraphPath`, routing the named subgraphs to those URLs (the file's URL for the rest). */
function routerOn(supergraphPath: string, subgraphUrls: Partial<Record<Name, string>>, subscriptions: RouterOptions['subscriptions'] = {}): Router {
  return createRouter({ supergraphPath, subgraphUrls, verifyToken: issuer.verifyToken, logger, production: false, subscriptions });
}

/** The fixtures' GraphQL URLs as the router takes them. */
const graphqlUrls = (): Record<Name, string> => Object.fromEntries((Object.keys(urls) as Name[]).map((name) => [name, `${urls[name]}/graphql`])) as Record<Name, string>;

beforeAll(async () => {
  issuer = await createTestIssuer();
  for (const name of Object.keys(typeDefs) as Name[]) {
    servers[name] = fixture(name, issuer);
    urls[name] = await servers[name].listen(0);
  }
  dir = await mkdtemp(join(tmpdir(), 'router-two-owners-'));
  await writeSupergraph(join(dir, 'supergraph.graphql'));
  // A loaded machine may take a while to bring the restarted owner back: retry for minutes, not seconds.
  router = routerOn(join(dir, 'supergraph.graphql'), graphqlUrls(), { upstreamRetryAttempts: 8 });
  routerUrl = await router.listen(0);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await router?.stop();
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Each owner's payload reaches back into the other subgraphs: the title from `shelves`, and
// through `related` back to the owner itself, so the plan's `rest` fetches from the owner too.
const SALES = 'subscription { saleMade { id book { title related { title sold } } } }';
const HOLDS = 'subscription { holdReady { id book { title holds related { holds } } } }';
type Sale = { saleMade: { id: string; book: { title: string; related: { title: string; sold: number } } } };
type Hold = { holdReady: { id: string; book: { title: string; holds: number; related: { holds: number } } } };

const idsOf = (subscription: TestSubscription<Sale> | TestSubscription<Hold>) =>
  subscription.results.map((result) => {
    const data = result.data as Partial<Sale & Hold> | null | undefined;
    return data?.saleMade?.id ?? data?.holdReady?.id;
  });

/** A router gauge's values by its `subgraph` label. */
async function gauge(name: string, of: Router = router): Promise<Record<string, number>> {
  const text = await of.metrics.registry.getSingleMetricAsString(name);
  return Object.fromEntries([...text.matchAll(/^\w+\{[^}]*\bsubgraph="([^"]+)"[^}]*\} (\S+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

/** Emits events with fresh ids at `owner` until every subscription has one: the protocol says nothing when a subscription is live upstream. */
async function untilHeard(owner: 'tills' | 'desk', subscriptions: (TestSubscription<Sale> | TestSubscription<Hold>)[], round: string): Promise<void> {
  let n = 0;
  await expect
    .poll(
      () => {
        events[owner].emit('event', `${round}-probe-${n++}`);
        return subscriptions.every((subscription) => idsOf(subscription).some((id) => id?.includes(`${round}-probe-`)));
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true);
}

describe('subscriptions of two owning subgraphs through one router', () => {
  it('delivers both owners\' events, shares one upstream per owner, enriches once per event, and survives one owner\'s restart', async () => {
    const token = await issuer.sign('member-1');
    // Three sockets of one caller, each with both subscriptions: identical ones share upstream work.
    for (let i = 0; i < 3; i++) clients.push(connectWs(routerUrl, { token }));
    const sales = clients.map((client) => client.subscribe<Sale>(SALES));
    const holds = clients.map((client) => client.subscribe<Hold>(HOLDS));
    const ended: unknown[] = [];
    for (const subscription of [...sales, ...holds]) void subscription.ended.then((end) => ended.push(end));
    await Promise.all([untilHeard('tills', sales, 'warm'), untilHeard('desk', holds, 'warm')]);
    expect(subscribes).toEqual({ tills: 1, desk: 1 });
    expect([router.subscriptions.subscribers, router.subscriptions.size]).toEqual([6, 2]);
    expect(await gauge('router_subscriptions_active')).toEqual({ tills: 3, desk: 3 });
    expect(await gauge('router_subscription_upstreams')).toEqual({ tills: 1, desk: 1 });

    // Both owners at once: each event is enriched once (one `_entities` representation per
    // subgraph per event, not one per subscriber) and reaches every subscriber.
    const ids = ['1', '2', '3'];
    for (const id of ids) {
      events.tills.emit('event', `s${id}`);
      events.desk.emit('event', `h${id}`);
    }
    for (const subscription of sales) await expect.poll(() => idsOf(subscription).filter((id) => /^sale-s\d$/.test(id ?? '')), { timeout: 10_000 }).toEqual(ids.map((id) => `sale-s${id}`));
    for (const subscription of holds) await expect.poll(() => idsOf(subscription).filter((id) => /^hold-h\d$/.test(id ?? '')), { timeout: 10_000 }).toEqual(ids.map((id) => `hold-h${id}`));
    for (const id of ids) {
      expect([resolved.shelves.get(`s${id}`), resolved.tills.get(`s${id}-related`)]).toEqual([1, 1]);
      expect([resolved.shelves.get(`h${id}`), resolved.desk.get(`h${id}-related`)]).toEqual([1, 1]);
    }
    expect(sales[0]!.results.find((result) => (result.data as Sale | undefined)?.saleMade.id === 'sale-s1')).toEqual({
      data: { saleMade: { id: 'sale-s1', book: { title: 'Title of s1', related: { title: 'Title of s1-related', sold: 7 } } } },
    });
    expect(holds[2]!.results.find((result) => (result.data as Hold | undefined)?.holdReady.id === 'hold-h1')).toEqual({
      data: { holdReady: { id: 'hold-h1', book: { title: 'Title of h1', holds: 2, related: { holds: 2 } } } },
    });

    // One owner's replica restarts on the same address: while it is down the other owner's
    // events keep flowing, and once it is back its subscriptions resume on one new upstream.
    const tillsPort = Number(new URL(urls.tills).port);
    await servers.tills.stop();
    events.desk.emit('event', 'during-restart');
    for (const subscription of holds) await expect.poll(() => idsOf(subscription), { timeout: 10_000 }).toContain('hold-during-restart');
    servers.tills = fixture('tills', issuer);
    await servers.tills.listen(tillsPort);
    await untilHeard('tills', sales, 'restarted');
    expect(subscribes).toEqual({ tills: 2, desk: 1 });
    events.tills.emit('event', 'after');
    for (const subscription of sales) await expect.poll(() => idsOf(subscription), { timeout: 10_000 }).toContain('sale-after');
    expect(resolved.shelves.get('after')).toBe(1);

    // Nothing ended and no event carried an error, on either owner's subscriptions.
    expect(ended).toEqual([]);
    expect([...sales, ...holds].flatMap((subscription) => subscription.results.filter((result) => result.errors))).toEqual([]);
  }, 180_000);

  it("opens new subscribers' upstream at the owner's new address once a reloaded supergraph routes it there", async () => {
    // tills is routed by the supergraph file here, and moves (a blue/green deployment, say).
    const moved = fixture('tills', issuer, 'tills-moved');
    const movedUrl = await moved.listen(0);
    const path = join(dir, 'moving.graphql');
    await writeSupergraph(path, `${urls.tills}/graphql`);
    const { desk, shelves } = graphqlUrls();
    const reloading = routerOn(path, { desk, shelves });
    try {
      const at = await reloading.listen(0);
      const token = await issuer.sign('member-2');
      const [first, second] = [connectWs(at, { token }), connectWs(at, { token })];
      clients.push(first, second);
      const before = first.subscribe<Sale>(SALES);
      await untilHeard('tills', [before], 'before-move');
      const loaded = reloading.gateway.schema;
      await writeSupergraph(path, `${movedUrl}/graphql`);
      await expect.poll(() => reloading.gateway.schema !== loaded, { timeout: 10_000 }).toBe(true);
      // The identical subscription does not join the upstream still open at the old address.
      const after = second.subscribe<Sale>(SALES);
      await untilHeard('tills', [before, after], 'after-move');
      expect(subscribes['tills-moved']).toBe(1);
      expect(reloading.subscriptions.size).toBe(2);
    } finally {
      await reloading.stop();
      await moved.stop();
    }
  });

  it("ends only the subscriptions of an owner that stays away past its retries; the other owner's keep flowing", async () => {
    const doomed = fixture('tills', issuer, 'tills-doomed');
    const doomedUrl = await doomed.listen(0);
    let doomedUp = true;
    const impatient = routerOn(join(dir, 'supergraph.graphql'), { ...graphqlUrls(), tills: `${doomedUrl}/graphql` }, { upstreamRetryAttempts: 0 });
    try {
      const client = connectWs(await impatient.listen(0), { token: await issuer.sign('member-3') });
      clients.push(client);
      const sale = client.subscribe<Sale>(SALES);
      const hold = client.subscribe<Hold>(HOLDS);
      await Promise.all([untilHeard('tills', [sale], 'doomed'), untilHeard('desk', [hold], 'doomed')]);
      await doomed.stop();
      doomedUp = false;
      // The client hears why, then its subscription completes: nothing left hanging.
      expect(await sale.ended).toEqual({ kind: 'completed' });
      expect(sale.results.at(-1)).toEqual({ errors: [{ message: 'Updates are unavailable right now; subscribe again shortly.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      events.desk.emit('event', 'after-doomed');
      await expect.poll(() => idsOf(hold), { timeout: 10_000 }).toContain('hold-after-doomed');
      expect(impatient.subscriptions.size).toBe(1);
      // Every owning subgraph is reported, the one with nothing open at zero.
      expect(await gauge('router_subscription_upstreams', impatient)).toEqual({ tills: 0, desk: 1 });
    } finally {
      await impatient.stop();
      if (doomedUp) await doomed.stop();
    }
  });
});
