// npm run bench: subscription fan-out through the router (embedded mode on PGlite, in-process
// jobs and pub/sub). For 1, 100 and 1,000 subscribers of one order it drives five status
// changes and reports event-to-client latency and the upstream work per event, with ratios
// against the single-subscriber run measured in the same process. Not part of the test suite.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@bookstore/server-core';
import { gql, untilBooksKnown } from '@bookstore/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { freePorts, loadConfig } from '../embedded/src/config.js';
import { startEmbedded } from '../embedded/src/embedded.js';

const SIZES = [1, 100, 1_000];
const ADDRESS = { line1: '1 Bench Row', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
const SUBSCRIPTION = 'subscription { myOrderUpdates { id status updatedAt items { book { title } } payments { status } customer { username } } }';

// Every subscriber comes from this one address: the per-address WebSocket limits are raised.
const MANY_SUBSCRIBERS_ON_ONE_ADDRESS = { WS_CONNECTIONS_PER_ADDRESS: '2000', WS_SUBSCRIBES_PER_MINUTE: '1000000' };
const dataDir = await mkdtemp(join(tmpdir(), 'bench-subscriptions-'));
const app = await startEmbedded(
  loadConfig({ ...freePorts(), DATA_DIR: dataDir, ...MANY_SUBSCRIBERS_ON_ONE_ADDRESS }),
  createLogger('bench', 'warn'),
);
const call = async (query: string, variables: Record<string, unknown>, token: string) => {
  const res = await gql(app.routerUrl, query, variables, { token });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
};
const account = (role: string) => app.demoAccounts.find((a) => a.role === role)!;
const login = async (role: string) =>
  (await gql(app.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account(role).username, password: account(role).password } })).data!.login.accessToken as string;
const [admin, librarian, customer] = await Promise.all([login('ADMIN'), login('LIBRARIAN'), login('CUSTOMER')]);
const bookId = (await call('mutation($i: CreateBookInput!) { createBook(input: $i) { id } }', { i: { title: 'Benchmarks at Dawn', authorNames: ['Perf Ormance'], price: '4.00', stock: 1_000 } }, librarian)).createBook.id;

interface Row {
  subscribers: number;
  deliveries: number;
  p50: number;
  p99: number;
  upstreamSubscriptions: number;
  enrichmentsPerEvent: number;
  fetchesPerEvent: number;
  /** From the first socket opened to every subscriber hearing the probe order settle, s. */
  subscribeSeconds: number;
  /** CPU of this one process (router, subgraphs and the clients) over that phase, per subscriber, ms. */
  subscribeCpuMs: number;
}

// Orders learns the new book from its book.changed event, a moment after createBook answers.
const placeOrder = async () => {
  const res = await untilBooksKnown(() => gql(app.routerUrl, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items: [{ bookId, quantity: 1 }], shippingAddress: ADDRESS } }, { token: customer }));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.placeOrder.id as string;
};

async function measure(subscribers: number): Promise<Row> {
  const seen = new Map<string, { status: string; latency: number }[]>();
  const opened = app.router.subscriptions.stats.upstreamSubscriptions;
  const clients: Client[] = [];
  const subscribeStarted = performance.now();
  const subscribeCpu = process.cpuUsage();
  // One socket per subscriber, as separate browsers would have.
  for (let i = 0; i < subscribers; i++) {
    const client = createClient({ url: `${app.routerUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${customer}` } });
    clients.push(client);
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (value) => {
          const update = (value.data as { myOrderUpdates: { id: string; status: string; updatedAt: string } }).myOrderUpdates;
          const list = seen.get(update.id) ?? [];
          list.push({ status: update.status, latency: Date.now() - Date.parse(update.updatedAt) });
          seen.set(update.id, list);
        },
        error: (error) => console.error('subscription error', error),
        complete: () => {},
      },
    );
  }
  const countOf = (orderId: string, status: string) => (seen.get(orderId) ?? []).filter((e) => e.status === status).length;
  // No "subscribed" message exists: probe orders until every subscriber hears one settle.
  let probe = '';
  let probedAt = 0;
  await waitFor(async () => {
    if (probe && countOf(probe, 'AWAITING_PAYMENT') === subscribers) return true;
    if (Date.now() - probedAt > 1_000) {
      probe = await placeOrder();
      probedAt = Date.now();
    }
    return false;
  });
  const subscribeSeconds = (performance.now() - subscribeStarted) / 1000;
  const { user, system } = process.cpuUsage(subscribeCpu);

  const before = { ...app.router.subscriptions.stats };
  const orderId = await placeOrder();
  await waitFor(() => countOf(orderId, 'AWAITING_PAYMENT') === subscribers);
  await call('mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { status } }', { i: { orderId, method: 'CREDIT_CARD', card: CARD }, k: randomUUID() }, customer);
  await waitFor(() => countOf(orderId, 'PAID') === subscribers);
  for (const status of ['SHIPPED', 'DELIVERED']) {
    await call('mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { status } }', { id: orderId, s: status }, admin);
    await waitFor(() => countOf(orderId, status) === subscribers);
  }
  const stats = app.router.subscriptions.stats;
  await Promise.all(clients.map((c) => c.dispose()));
  const events = 5; // PENDING, AWAITING_PAYMENT, PAID, SHIPPED, DELIVERED
  const latencies = (seen.get(orderId) ?? []).map((e) => e.latency).sort((a, b) => a - b);
  return {
    subscribers,
    deliveries: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    upstreamSubscriptions: stats.upstreamSubscriptions - opened,
    enrichmentsPerEvent: (stats.enrichments - before.enrichments) / events,
    fetchesPerEvent: (stats.fetches - before.fetches) / events,
    subscribeSeconds,
    subscribeCpuMs: (user + system) / 1000 / subscribers,
  };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark step timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

try {
  const rows: Row[] = [];
  for (const size of SIZES) rows.push(await measure(size));
  const base = rows[0]!;
  console.log('\nSubscription fan-out: one order, 5 status changes, every subscriber on its own socket\n');
  console.log('| subscribers | deliveries | p50 ms | p99 ms | p99 vs 1 | upstream subscriptions opened | enrichments/event | subgraph fetches/event | fetches vs 1 | subscribing s | CPU ms per subscriber |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.subscribers} | ${r.deliveries} | ${r.p50} | ${r.p99} | ${(r.p99 / Math.max(1, base.p99)).toFixed(1)}x | ${r.upstreamSubscriptions} | ${r.enrichmentsPerEvent.toFixed(2)} | ${r.fetchesPerEvent.toFixed(2)} | ${(r.fetchesPerEvent / base.fetchesPerEvent).toFixed(2)}x | ${r.subscribeSeconds.toFixed(1)} | ${r.subscribeCpuMs.toFixed(2)} |`,
    );
  }
  console.log('\nLatency: from the status change (the event time the order carries) to the client receiving it.');
  console.log('Subscribing: from the first socket opened until every subscriber heard a probe order settle (one order placed per second meanwhile); its CPU is the whole process, clients included.');
} finally {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
}
