import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { buildCatalogSubgraph, catalogEventHandlers, catalogEventTables, catalogMigrationsFolder } from '@bookstore/catalog-subgraph';
import {
  announcePgliteOwner,
  createTokenVerifier,
  MetricsServer,
  openMessaging,
  registriesSource,
  openPglite,
  RevocationList,
  REVOCATIONS_PATH,
  revocationsOverHttp,
  runSubgraph,
  type DatabaseTarget,
  type Logger,
  type RequestContext,
  type RunningSubgraph,
  type RunSubgraphOptions,
  type SubgraphEventOptions,
} from '@bookstore/kit';
import { buildOrdersSubgraph, ordersEventHandlers, ordersEventTables, ordersMigrationsFolder } from '@bookstore/orders-subgraph';
import { buildPaymentsSubgraph, paymentsEventHandlers, paymentsEventTables, paymentsMigrationsFolder } from '@bookstore/payments-subgraph';
import { createRouter, type Router } from '@bookstore/router';
import { wsClientLimitsOf } from '@bookstore/router/config';
import { buildLoansSubgraph, defaultLoanRules, loansEventHandlers, loansEventTables, loansMigrationsFolder } from '@bookstore/loans-subgraph';
import { buildReviewsSubgraph, reviewsEventHandlers, reviewsEventTables, reviewsMigrationsFolder } from '@bookstore/reviews-subgraph';
import { buildSummariesSubgraph, extractiveProvider, summariesEventHandlers, summariesEventTables, summariesMigrationsFolder } from '@bookstore/summaries-subgraph';
import { buildUsersSubgraph, loadSigningKeys, localTokenVerifier, usersMigrationsFolder } from '@bookstore/users-subgraph';
import type { EmbeddedConfig } from './config.js';
import { loadOrCreateDemoAccounts, type DemoAccount } from './demo-credentials.js';
import { seedDemoData } from './demo-data.js';
import { assertPortsFree } from './ports.js';
import { storefrontSite } from './storefront.js';

export interface Embedded {
  routerUrl: string;
  /** Where `/metrics` of every service is served (not the public port). */
  metricsUrl: string;
  /** The router itself (tests read its subscription counters). */
  router: Router;
  subgraphUrls: Record<string, string>;
  dataDir: string;
  /** Demo accounts with their passwords (empty when seeding is off). */
  demoAccounts: DemoAccount[];
  stop(): Promise<void>;
}

export type EmbeddedOptions = Pick<
  EmbeddedConfig,
  | 'PORT'
  | 'METRICS_PORT'
  | 'USERS_PORT'
  | 'CATALOG_PORT'
  | 'ORDERS_PORT'
  | 'PAYMENTS_PORT'
  | 'REVIEWS_PORT'
  | 'LOANS_PORT'
  | 'SUMMARIES_PORT'
  | 'HOST'
  | 'DATA_DIR'
  | 'DATABASE_URL'
  | 'REDIS_URL'
  | 'QUEUE_PREFIX'
  | 'SEED_DEMO_DATA'
  | 'SUPERGRAPH_PATH'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'NODE_ENV'
  | 'PAYMENT_WINDOW_SECONDS'
  | 'SUBGRAPH_SECRET'
  | 'REQUESTS_PER_MINUTE'
  | 'WS_CONNECTIONS_PER_ADDRESS'
  | 'WS_SUBSCRIBES_PER_MINUTE'
  | 'WS_IDLE_TIMEOUT_MS'
  | 'REVOCATIONS_POLL_MS'
>;

/** In-process jobs die with the process; events relayed this recently are queued again at start. */
const REPLAY_IN_PROCESS_MS = 24 * 3_600_000;

/**
 * Embedded mode: every subgraph on its own port, the router in front, one PGlite instance shared
 * through a Postgres schema per subgraph, in-process jobs and pub/sub, demo data seeded when
 * missing. Everything started is stopped again if a later step fails, so a failed start leaves
 * no port or file handle behind.
 */
export interface EmbeddedHooks {
  /** Every SQL statement, with the subgraph that ran it (tests count queries per subgraph). */
  onQuery?: (subgraph: string, query: string) => void;
}

export async function startEmbedded(config: EmbeddedOptions, logger: Logger, hooks: EmbeddedHooks = {}): Promise<Embedded> {
  const dataDir = resolve(config.DATA_DIR);
  const production = config.NODE_ENV === 'production';
  // The subgraphs answer only the router, here as in services mode; one process needs no fixed secret.
  const routerSecret = config.SUBGRAPH_SECRET ?? randomBytes(32).toString('base64url');
  await assertPortsFree(
    {
      router: config.PORT,
      'metrics endpoint': config.METRICS_PORT,
      'users subgraph': config.USERS_PORT,
      'catalog subgraph': config.CATALOG_PORT,
      'orders subgraph': config.ORDERS_PORT,
      'payments subgraph': config.PAYMENTS_PORT,
      'reviews subgraph': config.REVIEWS_PORT,
      'loans subgraph': config.LOANS_PORT,
      'summaries subgraph': config.SUMMARIES_PORT,
    },
    config.HOST,
  );
  await mkdir(dataDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    let pglite: PGlite | undefined;
    if (!config.DATABASE_URL) {
      pglite = await openPglite(join(dataDir, 'pglite'));
      const opened = pglite;
      stops.push(() => opened.close());
    }
    const target: DatabaseTarget = pglite ? { kind: 'pglite', pglite } : { kind: 'postgres', url: config.DATABASE_URL!, poolSize: 5 };
    const messaging = openMessaging({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger });
    stops.push(() => messaging.close());
    const eventOptions = (tables: SubgraphEventOptions['tables'], consume: SubgraphEventOptions['consume']): SubgraphEventOptions => ({
      tables,
      messaging,
      consume,
      replayOnStartMs: messaging.kind === 'in-process' ? REPLAY_IN_PROCESS_MS : 0,
    });
    const start = async <TContext extends RequestContext>(
      options: Pick<RunSubgraphOptions<TContext>, 'dbSchema' | 'migrationsFolder' | 'build' | 'verifyToken' | 'port' | 'events'>,
    ): Promise<RunningSubgraph> => {
      const onQuery = hooks.onQuery;
      const running = await runSubgraph({
        ...options,
        target,
        host: config.HOST,
        production,
        logger: logger.child({ subgraph: options.dbSchema }),
        routerSecret,
        // One process: its CPU and memory are reported once, with the router's series.
        processMetrics: false,
        ...(onQuery ? { onQuery: (query: string) => onQuery(options.dbSchema, query) } : {}),
      });
      stops.push(running.stop);
      return running;
    };

    const tokenSettings = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
    const keys = await loadSigningKeys({ dataDir, production });
    // One revocation list for the whole process, polled from users as in services mode.
    const revocations = new RevocationList({ intervalMs: config.REVOCATIONS_POLL_MS, logger });
    const users = await start({
      dbSchema: 'users',
      migrationsFolder: usersMigrationsFolder,
      build: (db) => buildUsersSubgraph({ db, keys, settings: { ...tokenSettings, accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30 }, rateLimits: messaging.rateLimits }),
      verifyToken: localTokenVerifier(keys, tokenSettings, revocations),
      port: config.USERS_PORT,
    });
    revocations.start(revocationsOverHttp(new URL(REVOCATIONS_PATH, users.url), { routerSecret }));
    stops.push(async () => revocations.stop());
    // Every other service verifies tokens the way it does in services mode: against the JWKS and the revocation list.
    const verifyToken = createTokenVerifier({ keys: new URL('/.well-known/jwks.json', users.url), ...tokenSettings, revocations });
    const catalog = await start({
      dbSchema: 'catalog',
      migrationsFolder: catalogMigrationsFolder,
      build: (db, events) => buildCatalogSubgraph({ db, events }),
      events: eventOptions(catalogEventTables, { consumer: 'catalog', handlers: (db, events) => catalogEventHandlers({ db, events }) }),
      verifyToken,
      port: config.CATALOG_PORT,
    });
    const settings = { paymentWindowSeconds: config.PAYMENT_WINDOW_SECONDS };
    const orders = await start({
      dbSchema: 'orders',
      migrationsFolder: ordersMigrationsFolder,
      build: (db, events) => buildOrdersSubgraph({ db, events: events!, pubsub: messaging.pubsub, settings }),
      events: eventOptions(ordersEventTables, { consumer: 'orders', handlers: (_db, events) => ordersEventHandlers({ events, settings }) }),
      verifyToken,
      port: config.ORDERS_PORT,
    });
    const paymentsLogger = logger.child({ subgraph: 'payments' });
    const payments = await start({
      dbSchema: 'payments',
      migrationsFolder: paymentsMigrationsFolder,
      build: (db, events) => buildPaymentsSubgraph({ db, events: events!, rateLimits: messaging.rateLimits }),
      events: eventOptions(paymentsEventTables, { consumer: 'payments', handlers: () => paymentsEventHandlers({ logger: paymentsLogger }) }),
      verifyToken,
      port: config.PAYMENTS_PORT,
    });

    const reviews = await start({
      dbSchema: 'reviews',
      migrationsFolder: reviewsMigrationsFolder,
      build: (db) => buildReviewsSubgraph({ db }),
      events: eventOptions(reviewsEventTables, { consumer: 'reviews', handlers: (db) => reviewsEventHandlers({ db }) }),
      verifyToken,
      port: config.REVIEWS_PORT,
    });
    const loans = await start({
      dbSchema: 'loans',
      migrationsFolder: loansMigrationsFolder,
      build: (db, events) => buildLoansSubgraph({ db, events: events!, rules: defaultLoanRules }),
      events: eventOptions(loansEventTables, { consumer: 'loans', handlers: (db) => loansEventHandlers({ db }) }),
      verifyToken,
      port: config.LOANS_PORT,
    });
    // Embedded mode summarises with the built-in extractive provider: no network, no model.
    const summariesLogger = logger.child({ subgraph: 'summaries' });
    const summaries = await start({
      dbSchema: 'summaries',
      migrationsFolder: summariesMigrationsFolder,
      build: (db, events) => buildSummariesSubgraph({ db, events: events!, provider: extractiveProvider }),
      events: eventOptions(summariesEventTables, {
        consumer: 'summaries',
        handlers: (db) => summariesEventHandlers({ db, provider: extractiveProvider, logger: summariesLogger }),
      }),
      verifyToken,
      port: config.SUMMARIES_PORT,
    });

    let demoAccounts: DemoAccount[] = [];
    if (config.SEED_DEMO_DATA) {
      demoAccounts = await loadOrCreateDemoAccounts(dataDir);
      await seedDemoData({ users, catalog, orders, reviews, loans, summaries }, demoAccounts, routerSecret, logger);
    }

    const subgraphUrls = Object.fromEntries(
      Object.entries({ users, catalog, orders, payments, reviews, loans, summaries }).map(([name, running]) => [name, `${running.url}/graphql`]),
    );
    const router = createRouter({
      supergraphPath: config.SUPERGRAPH_PATH,
      subgraphUrls,
      verifyToken,
      revocations,
      logger: logger.child({ service: 'router' }),
      production,
      subgraphSecret: routerSecret,
      requestsPerMinute: config.REQUESTS_PER_MINUTE,
      subscriptions: wsClientLimitsOf(config),
      site: await storefrontSite(logger),
    });
    stops.push(router.stop);
    const routerUrl = await router.listen(config.PORT, config.HOST);
    // One metrics port for the process: the router's series and every subgraph's, by `service`.
    const registries = [router.metrics, ...[users, catalog, orders, payments, reviews, loans, summaries].map((running) => running.metrics)].map((metrics) => metrics.registry);
    const metricsServer = new MetricsServer({ name: 'embedded', source: registriesSource(registries), logger });
    stops.push(() => metricsServer.stop());
    const metricsUrl = await metricsServer.listen(config.METRICS_PORT, config.HOST);
    await announcePgliteOwner(pglite, `${routerUrl}/graphql`);
    return { routerUrl, metricsUrl, router, subgraphUrls, dataDir, demoAccounts, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
